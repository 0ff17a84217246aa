import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Audit, ClaimedNudge, Logger, Store } from '../store/types.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';
import { concurrencyLimit, keySpacing } from './pacing.ts';

/** What a delivery knows beyond the thread's first audit, which carries the schedule. */
export interface NudgeContext {
  /** The thread's newest audit: the workload to re-run and the summary to diff against. */
  latest: Audit;
  /** A newer catalog brought this nudge forward. */
  early: boolean;
  /** 1 for the first try, 2 for the first retry, and so on. */
  attempt: number;
  dueAt: Date;
}

export type DeliverNudge = (audit: Audit, context: NudgeContext) => Promise<DeliveryOutcome>;

/** Deliveries that share a key (a Slack channel, say) go out at least `intervalMs` apart. */
export interface DeliverySpacing {
  keyOf: (audit: Audit) => string;
  intervalMs: number;
}

/** Retry delays after failed deliveries: base, doubled each attempt, capped. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export interface NudgeDispatcherOptions {
  store: Pick<Store, 'audits' | 'nudges'>;
  clock: () => Date;
  /** Unique per running process: leases are fenced by it (see `newDispatcherOwner`). */
  owner: string;
  /** How long a claim keeps other dispatchers off a nudge; renewed while a delivery runs. */
  leaseMs: number;
  batchSize: number;
  /**
   * Deliveries under way at once (1 unless given). A process killed between posts and their
   * records re-posts at most this many nudges, once their leases end.
   */
  concurrency?: number;
  spacing?: DeliverySpacing;
  reauditAfterMs: number;
  deliver: DeliverNudge;
  logger: Logger;
  backoff?: BackoffPolicy;
  /** Wait between ticks when nothing is left due. */
  pollIntervalMs?: number;
}

export interface TickResult {
  claimed: number;
  delivered: number;
  retried: number;
  stopped: number;
  /** Claimed but not delivered: the lease was lost, or the dispatcher is stopping. */
  skipped: number;
}

export interface NudgeDispatcher {
  /** Claims the nudges due now and delivers them, earliest first, `concurrency` at a time. */
  tick(): Promise<TickResult>;
  /** Ticks on a timer until `stop`. */
  start(): void;
  /** Stops ticking, finishes the deliveries in flight, and gives back the leases it holds. */
  stop(): Promise<void>;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 60_000, maxMs: 3_600_000 };
export const DEFAULT_POLL_INTERVAL_MS = 15_000;

/** The share of a lease after which a running delivery renews it. */
const HEARTBEAT_SHARE = 1 / 3;

type Disposition = 'delivered' | 'retried' | 'stopped' | 'skipped';

/** An owner id unique to this process: host, pid and a random part against pid reuse. */
export function newDispatcherOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** The wait before retry number `attempt` (1 after the first failure). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

function checkOptions(options: NudgeDispatcherOptions): void {
  const positive = { leaseMs: options.leaseMs, reauditAfterMs: options.reauditAfterMs };

  for (const [name, value] of Object.entries(positive)) {
    if (!(value > 0)) {
      throw new RangeError(`nudge dispatcher: ${name} must be above zero, got ${value}`);
    }
  }

  const counts = { batchSize: options.batchSize, concurrency: options.concurrency ?? 1 };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`nudge dispatcher: ${name} must be a whole number of at least 1`);
    }
  }
}

/**
 * Delivers due nudges at least once each. A claim leases a batch in one atomic statement; every
 * later write is fenced by this dispatcher's owner id, so a nudge whose lease another dispatcher
 * took over is never rescheduled twice. At most `concurrency` nudges are under way at once, so a
 * process killed between posts and their records re-posts at most that many, once their leases
 * end. The dispatcher knows nothing of Slack: `deliver` does, and `spacing` says how often a
 * key may be delivered to.
 */
export function createNudgeDispatcher(options: NudgeDispatcherOptions): NudgeDispatcher {
  checkOptions(options);

  const { store, clock, owner, leaseMs, logger, deliver } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const underWay = concurrencyLimit(options.concurrency ?? 1);
  const spacing = options.spacing;
  const turnOf = spacing ? keySpacing(spacing.intervalMs, clock) : undefined;

  const inFlight = new Set<Promise<unknown>>();
  /** When the retries this dispatcher set fall due: the next poll comes no later than the first. */
  const retriesDue = new Set<number>();
  let running = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const leaseFrom = (now: Date) => new Date(now.getTime() + leaseMs);

  async function renew(auditId: string): Promise<boolean> {
    try {
      return await store.nudges.renewLease(auditId, owner, leaseFrom(clock()));
    } catch (error) {
      logger.warn('nudge lease renewal failed', { auditId, error });
      return false;
    }
  }

  /** Keeps the lease alive while a slow delivery runs, so nobody else starts the same one. */
  async function withHeartbeat<T>(auditId: string, work: () => Promise<T>): Promise<T> {
    const heartbeat = setInterval(
      () => void renew(auditId),
      Math.max(1, leaseMs * HEARTBEAT_SHARE),
    );
    heartbeat.unref();

    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function attemptDelivery(audit: Audit, context: NudgeContext): Promise<DeliveryOutcome> {
    try {
      return await deliver(audit, context);
    } catch (error) {
      logger.error('nudge delivery threw', { auditId: audit.id, teamId: audit.teamId, error });
      return { ok: false, permanent: false, code: 'delivery_threw' };
    }
  }

  async function recordDelivered(audit: Audit): Promise<Disposition> {
    const now = clock();
    const next = new Date(now.getTime() + options.reauditAfterMs);
    const recorded = await store.nudges.complete(audit.id, owner, now, next);

    if (!recorded) {
      logger.warn('nudge delivered after its lease was taken over; it may be delivered twice', {
        auditId: audit.id,
        teamId: audit.teamId,
      });
    }

    logger.info('nudge delivered', { auditId: audit.id, teamId: audit.teamId, nextNudgeAt: next });
    return 'delivered';
  }

  async function recordFailed(
    audit: Audit,
    failure: { code: string; retryAfterMs?: number },
    attempt: number,
  ): Promise<Disposition> {
    const { code } = failure;
    // Slack's Retry-After says when a refused post may go; a failure that does not, backs off.
    const wait = failure.retryAfterMs ?? backoffDelay(backoff, attempt);
    const retryAt = new Date(clock().getTime() + wait);
    await store.nudges.retryLater(audit.id, owner, retryAt, code);
    retriesDue.add(retryAt.getTime());

    logger.warn('nudge delivery failed; will retry', {
      auditId: audit.id,
      teamId: audit.teamId,
      code,
      attempt,
      retryAt,
    });
    return 'retried';
  }

  async function recordStopped(audit: Audit, code: string): Promise<Disposition> {
    await store.nudges.stopPermanently(audit.id, code);

    logger.error('nudges stopped for good', { auditId: audit.id, teamId: audit.teamId, code });
    return 'stopped';
  }

  /**
   * A lease claimed moments ago is still this dispatcher's; one that earlier deliveries of the
   * batch have worn is renewed, or the nudge left to the dispatcher that took it over.
   */
  async function stillLeased(nudge: ClaimedNudge): Promise<boolean> {
    const worn = leaseMs * HEARTBEAT_SHARE;
    if (clock().getTime() < nudge.leaseUntil.getTime() - leaseMs + worn) return true;
    return renew(nudge.audit.id);
  }

  async function deliverOne(nudge: ClaimedNudge): Promise<Disposition> {
    const { audit } = nudge;

    if (stopping || !(await stillLeased(nudge))) {
      return 'skipped';
    }

    const thread = await store.audits.getThread({ teamId: audit.teamId }, audit.id);
    const context: NudgeContext = {
      latest: thread?.latest ?? audit,
      early: audit.nudgeEarly,
      attempt: audit.nudgeAttempts + 1,
      dueAt: nudge.dueAt,
    };

    const outcome = await withHeartbeat(audit.id, () => attemptDelivery(audit, context));

    if (outcome.ok) {
      return recordDelivered(audit);
    }

    if (outcome.permanent) {
      return recordStopped(audit, outcome.code);
    }

    return recordFailed(audit, outcome, context.attempt);
  }

  async function runTick(): Promise<TickResult> {
    const result: TickResult = { claimed: 0, delivered: 0, retried: 0, stopped: 0, skipped: 0 };

    if (stopping) {
      return result;
    }

    const now = clock();
    const claimed = await store.nudges.claimDue({
      owner,
      now,
      leaseUntil: leaseFrom(now),
      limit: options.batchSize,
    });
    result.claimed = claimed.length;

    await Promise.all(
      claimed.map(async (nudge) => {
        if (turnOf && spacing) await turnOf(spacing.keyOf(nudge.audit));
        result[await underWay(() => deliverOne(nudge))] += 1;
      }),
    );

    return result;
  }

  function tick(): Promise<TickResult> {
    const run = runTick();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  /**
   * Right away while claims find nudges (a claim takes one a channel, so a busy channel's next
   * nudge waits for the next claim); else at the next poll, or sooner when a retry falls due.
   */
  function nextTickIn(backlog: boolean): number {
    if (backlog) return 0;

    // A retry already due was claimed by the tick just run (or by another dispatcher).
    const now = clock().getTime();
    let soonest = now + pollIntervalMs;
    for (const due of retriesDue) {
      if (due <= now) retriesDue.delete(due);
      else soonest = Math.min(soonest, due);
    }
    return soonest - now;
  }

  async function loop(): Promise<void> {
    let backlog = false;

    try {
      const result = await tick();
      backlog = result.claimed > 0;
    } catch (error) {
      logger.error('nudge tick failed', { owner, error });
    }

    if (running) {
      timer = setTimeout(() => void loop(), nextTickIn(backlog));
    }
  }

  return {
    tick,

    start() {
      if (running) {
        return;
      }

      running = true;
      stopping = false;
      logger.info('nudge dispatcher started', { owner });
      timer = setTimeout(() => void loop(), 0);
    },

    async stop() {
      running = false;
      stopping = true;
      clearTimeout(timer);

      await Promise.allSettled([...inFlight]);
      const released = await store.nudges.releaseLeases(owner);

      stopping = false;
      logger.info('nudge dispatcher stopped', { owner, released });
    },
  };
}

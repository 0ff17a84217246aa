import type { CrossoverChartRenderer } from '../chart/crossover-chart.ts';
import { catalogAsOf } from '../engine/catalog/index.ts';
import { WorkloadError } from '../engine/errors.ts';
import { buildReport } from '../engine/report.ts';
import { isMaterialChange, summarize } from '../engine/report-summary.ts';
import type { Logger } from '../logger.ts';
import {
  createNudgeDispatcher,
  DEFAULT_POLL_INTERVAL_MS,
  markEarlyNudges,
  newDispatcherOwner,
} from '../nudges/index.ts';
import type { BotClients } from '../slack/bot-clients.ts';
import type { AuditThread, Store } from '../store/index.ts';
import { createReAuditDelivery } from './reaudit-delivery.ts';

export interface ReAuditNudgeOptions {
  store: Store;
  /** Clients that do not retry on their own (the dispatcher retries), one a workspace. */
  clients: BotClients;
  logger: Logger;
  clock: () => Date;
  chart: CrossoverChartRenderer;
  reauditAfterMs: number;
  /** How long a claimed nudge stays with this instance unless renewed (NUDGE_LEASE). */
  leaseMs: number;
}

export interface RunningNudges {
  /** Stops claiming, finishes the delivery in flight and gives back this instance's leases. */
  stop(): Promise<void>;
}

/** Up to this many channels' nudges are claimed at once (a claim takes one a channel). */
const NUDGE_BATCH_SIZE = 200;
/**
 * Nudges posted at once: enough to keep Slack's round trips from idling the process. A process
 * killed mid-batch re-posts at most this many (the README's duplicate bound).
 */
export const NUDGE_CONCURRENCY = 8;
/** Slack takes about one message a second in a channel; bursts are not counted on. */
const CHANNEL_SPACING_MS = 1_000;
const MIN_POLL_INTERVAL_MS = 250;

/**
 * How often the dispatcher looks for due nudges: a tenth of REAUDIT_AFTER, so a `5s` test sees
 * its nudge within half a second, and never less often than the dispatcher's default.
 */
export function nudgePollInterval(reauditAfterMs: number): number {
  const tenth = Math.round(reauditAfterMs / 10);
  return Math.min(DEFAULT_POLL_INTERVAL_MS, Math.max(MIN_POLL_INTERVAL_MS, tenth));
}

/** Would today's catalog change the thread's advice enough to tell it before the quarter ends? */
export function wouldChangeMaterially(thread: AuditThread, now: Date): boolean {
  const report = buildReport(thread.latest.workload, now);
  return isMaterialChange(thread.latest.summary, summarize(report));
}

async function markEarly(options: ReAuditNudgeOptions): Promise<void> {
  const { logger } = options;
  const now = options.clock();
  const catalog = catalogAsOf();

  const wouldChange = (thread: AuditThread) => {
    try {
      return wouldChangeMaterially(thread, now);
    } catch (error) {
      // The thread's own nudge meets the same error and records it as the stop reason.
      if (error instanceof WorkloadError) return false;
      throw error;
    }
  };

  try {
    const result = await markEarlyNudges(options.store, { catalogAsOf: catalog, now, wouldChange });
    logger.info('early nudges marked', { catalogAsOf: catalog, ...result });
  } catch (error) {
    logger.error('early nudges not marked', { catalogAsOf: catalog, error });
  }
}

/**
 * Brings forward the nudges a newer catalog would change (once per catalog), then starts the
 * dispatcher that posts due re-audits. A store failure is logged at error and never stops the
 * app: the dispatcher tries again at its next poll.
 */
export function startReAuditNudges(options: ReAuditNudgeOptions): RunningNudges {
  const dispatcher = createNudgeDispatcher({
    store: options.store,
    clock: options.clock,
    owner: newDispatcherOwner(),
    leaseMs: options.leaseMs,
    batchSize: NUDGE_BATCH_SIZE,
    concurrency: NUDGE_CONCURRENCY,
    spacing: {
      keyOf: (audit) => `${audit.teamId}/${audit.channelId}`,
      intervalMs: CHANNEL_SPACING_MS,
    },
    reauditAfterMs: options.reauditAfterMs,
    pollIntervalMs: nudgePollInterval(options.reauditAfterMs),
    logger: options.logger,
    deliver: createReAuditDelivery(options),
  });

  let stopping = false;
  const started = markEarly(options).then(() => {
    if (!stopping) dispatcher.start();
  });

  return {
    async stop() {
      stopping = true;
      await started;

      try {
        await dispatcher.stop();
      } catch (error) {
        options.logger.error('nudge dispatcher did not stop cleanly', { error });
      }
    },
  };
}

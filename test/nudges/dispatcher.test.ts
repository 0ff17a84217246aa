import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createNudgeDispatcher,
  type DeliverNudge,
  markEarlyNudges,
  type NudgeDispatcherOptions,
  rateLimitedDelivery,
} from '../../src/nudges/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { type TestDatabase, testBackends } from '../store/backends.ts';
import { at, DAY_MS, newAudit, summary, T0, TEAM } from '../store/builders.ts';
import { deferred, fakeClock, fakeDelivery, recordingLogger } from './fakes.ts';

const LEASE_MS = 60_000;
const REAUDIT_AFTER_MS = 90 * DAY_MS;
const BACKOFF = { baseMs: 60_000, maxMs: 600_000 };

describe.each(testBackends())('nudge dispatcher on $name', (backend) => {
  let database: TestDatabase;
  let store: Store;
  let clock: ReturnType<typeof fakeClock>;
  let delivery: ReturnType<typeof fakeDelivery>;
  let logger: ReturnType<typeof recordingLogger>;

  function dispatcher(overrides: Partial<NudgeDispatcherOptions> = {}) {
    return createNudgeDispatcher({
      store,
      clock: clock.now,
      owner: 'instance-a',
      leaseMs: LEASE_MS,
      batchSize: 10,
      reauditAfterMs: REAUDIT_AFTER_MS,
      deliver: delivery.deliver,
      logger,
      backoff: BACKOFF,
      ...overrides,
    });
  }

  let channels = 0;

  /** An audit due at `offsetMs` after T0, in a channel of its own unless one is given. */
  function dueAt(offsetMs: number, channelId = `C${++channels}`) {
    return store.audits.create(newAudit({ channelId, nextNudgeAt: at(offsetMs) }));
  }

  beforeEach(async () => {
    database = await backend.createDatabase();
    store = await openStore(database.url);
    clock = fakeClock(T0);
    delivery = fakeDelivery();
    logger = recordingLogger();
  });

  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  describe('tick', () => {
    it('delivers each due nudge once, in due order', async () => {
      const third = await dueAt(3_000);
      const first = await dueAt(1_000);
      const second = await dueAt(2_000);
      await dueAt(DAY_MS);
      clock.set(at(10_000));

      const result = await dispatcher().tick();
      await dispatcher().tick();

      expect(delivery.ids()).toEqual([first.id, second.id, third.id]);
      expect(result).toEqual({ claimed: 3, delivered: 3, retried: 0, stopped: 0, skipped: 0 });
    });

    it('tells deliver the thread newest audit and the attempt', async () => {
      const audit = await dueAt(0);
      const repeat = await store.audits.recordReAudit(TEAM, audit.id, {
        userId: 'U0002',
        workload: audit.workload,
        summary: summary({ band: 'self-host' }),
        catalogAsOf: '2026-01-02',
        createdAt: at(1),
      });

      await dispatcher().tick();

      expect(delivery.deliveries[0]?.context).toEqual({
        latest: repeat,
        early: false,
        attempt: 1,
        dueAt: at(0),
      });
    });

    it('schedules the next nudge a re-audit period after the delivery', async () => {
      const audit = await dueAt(0);
      clock.set(at(5_000));

      await dispatcher().tick();

      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
        nextNudgeAt: at(5_000 + REAUDIT_AFTER_MS),
        lastNudgedAt: at(5_000),
        nudgesDelivered: 1,
      });
    });

    it('delivers the next nudge when its time comes, and not before', async () => {
      await dueAt(0);
      const tick = dispatcher().tick;
      await tick();

      clock.set(at(REAUDIT_AFTER_MS - 1));
      await tick();
      clock.set(at(REAUDIT_AFTER_MS));
      await tick();

      expect(delivery.deliveries).toHaveLength(2);
    });

    it('claims no more than the batch size at once', async () => {
      for (const offset of [-4, -3, -2, -1, 0]) {
        await dueAt(offset);
      }

      const result = await dispatcher({ batchSize: 2 }).tick();

      expect(result.claimed).toBe(2);
    });

    it('logs each delivery at info without the workload', async () => {
      const audit = await dueAt(0);

      await dispatcher().tick();

      expect(logger.lines).toEqual([
        {
          level: 'info',
          message: 'nudge delivered',
          fields: { auditId: audit.id, teamId: TEAM.teamId, nextNudgeAt: at(REAUDIT_AFTER_MS) },
        },
      ]);
    });
  });

  describe('pace', () => {
    it('keeps at most `concurrency` deliveries under way at once', async () => {
      for (let index = 0; index < 7; index += 1) await dueAt(-index);
      let underWay = 0;
      let most = 0;
      const slow: DeliverNudge = async (audit, context) => {
        underWay += 1;
        most = Math.max(most, underWay);
        await sleep(5);
        underWay -= 1;
        return delivery.deliver(audit, context);
      };

      const result = await dispatcher({ deliver: slow, concurrency: 3 }).tick();

      expect(result).toMatchObject({ claimed: 7, delivered: 7 });
      expect(most).toBe(3);
    });

    it("delivers a channel's nudges with later claims, spaced by its interval", async () => {
      const first = await dueAt(-3, 'C-busy');
      const second = await dueAt(-2, 'C-busy');
      const quiet = await dueAt(-1, 'C-quiet');
      const startedAt = new Map<string, number>();
      const timed: DeliverNudge = async (audit, context) => {
        startedAt.set(audit.id, performance.now());
        return delivery.deliver(audit, context);
      };
      const spaced = dispatcher({
        deliver: timed,
        concurrency: 4,
        spacing: { keyOf: (audit) => audit.channelId, intervalMs: 60 },
      });

      const firstTick = await spaced.tick();
      const secondTick = await spaced.tick();

      expect(firstTick.claimed).toBe(2);
      expect(delivery.ids()).toEqual([first.id, quiet.id, second.id]);
      expect(secondTick).toMatchObject({ claimed: 1, delivered: 1 });
      const gap = (startedAt.get(second.id) ?? 0) - (startedAt.get(first.id) ?? 0);
      expect(gap).toBeGreaterThanOrEqual(55);
    });

    it('renews no lease it claimed moments ago, and renews one an earlier delivery wore', async () => {
      await dueAt(-1);
      await dueAt(0);
      let renewals = 0;
      const counting: Store = {
        ...store,
        nudges: {
          ...store.nudges,
          renewLease: (...args) => {
            renewals += 1;
            return store.nudges.renewLease(...args);
          },
        },
      };
      const wearing: DeliverNudge = async (audit, context) => {
        clock.advance(LEASE_MS / 2);
        return delivery.deliver(audit, context);
      };

      const result = await dispatcher({ store: counting, deliver: wearing }).tick();

      expect(result.delivered).toBe(2);
      expect(renewals).toBe(1);
    });
  });

  describe('failed deliveries', () => {
    it('retries a failed post with exponential backoff and does not lose it', async () => {
      const audit = await dueAt(0);
      const failure = { ok: false, permanent: false, code: 'ratelimited' } as const;
      delivery.script(audit.id, [failure, failure]);
      const tick = dispatcher().tick;

      await tick();
      clock.set(at(BACKOFF.baseMs - 1));
      await tick();
      clock.set(at(BACKOFF.baseMs));
      await tick();
      clock.set(at(3 * BACKOFF.baseMs - 1));
      await tick();
      clock.set(at(3 * BACKOFF.baseMs));
      await tick();

      expect(delivery.deliveries.map((each) => each.context.attempt)).toEqual([1, 2, 3]);
      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
        nudgesDelivered: 1,
        nudgeAttempts: 0,
        lastError: null,
      });
    });

    it('records the attempts and the last error while it keeps failing', async () => {
      const audit = await dueAt(0);
      delivery.script(audit.id, [{ ok: false, permanent: false, code: 'internal_error' }]);

      const result = await dispatcher().tick();

      expect(result.retried).toBe(1);
      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
        nextNudgeAt: at(BACKOFF.baseMs),
        nudgeAttempts: 1,
        lastError: 'internal_error',
      });
      expect(logger.lines.map((line) => line.level)).toEqual(['warn']);
    });

    it("retries a post Slack refused once Slack's Retry-After has passed, not after a backoff", async () => {
      const audit = await dueAt(0);
      delivery.script(audit.id, [rateLimitedDelivery(1_000)]);
      const tick = dispatcher().tick;

      await tick();
      clock.set(at(999));
      await tick();
      clock.set(at(1_000));
      await tick();

      expect(delivery.deliveries.map((each) => each.context.attempt)).toEqual([1, 2]);
      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({ nudgesDelivered: 1 });
    });

    it('caps the backoff', async () => {
      const audit = await dueAt(0);
      const failure = { ok: false, permanent: false, code: 'fatal_error' } as const;
      delivery.script(audit.id, Array(8).fill(failure));
      const tick = dispatcher().tick;

      for (let attempt = 0; attempt < 8; attempt += 1) {
        clock.set((await store.audits.get(TEAM, audit.id))?.nextNudgeAt ?? T0);
        await tick();
      }

      const stored = await store.audits.get(TEAM, audit.id);
      expect((stored?.nextNudgeAt?.getTime() ?? 0) - clock.now().getTime()).toBe(BACKOFF.maxMs);
    });

    it('retries a delivery that throws, and logs it at error', async () => {
      const audit = await dueAt(0);
      delivery.script(audit.id, [new Error('engine exploded')]);

      const result = await dispatcher().tick();

      expect(result.retried).toBe(1);
      expect((await store.audits.get(TEAM, audit.id))?.lastError).toBe('delivery_threw');
      expect(logger.lines.map((line) => line.level)).toEqual(['error', 'warn']);
    });

    it('stops the audit nudges on a permanent error and records why', async () => {
      const audit = await dueAt(0);
      delivery.script(audit.id, [{ ok: false, permanent: true, code: 'is_archived' }]);

      const result = await dispatcher().tick();
      clock.set(at(365 * DAY_MS));
      await dispatcher().tick();

      expect(result.stopped).toBe(1);
      expect(delivery.deliveries).toHaveLength(1);
      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
        remindersEnabled: false,
        stoppedReason: 'is_archived',
      });
    });
  });

  describe('what people change', () => {
    it('does not nudge a snoozed audit until its new time', async () => {
      const audit = await dueAt(0);
      await store.audits.snooze(TEAM, audit.id, T0);
      const tick = dispatcher().tick;

      clock.set(at(14 * DAY_MS - 1));
      await tick();
      expect(delivery.deliveries).toHaveLength(0);

      clock.set(at(14 * DAY_MS));
      await tick();
      expect(delivery.ids()).toEqual([audit.id]);
    });

    it('does not nudge an audit whose reminders were stopped', async () => {
      const audit = await dueAt(0);
      await store.audits.stop(TEAM, audit.id, 'stopped_by_user');

      await dispatcher().tick();

      expect(delivery.deliveries).toHaveLength(0);
    });
  });

  describe('early nudges', () => {
    it('delivers a nudge a newer catalog brought forward, saying so, once', async () => {
      const audit = await dueAt(REAUDIT_AFTER_MS);
      const early = { catalogAsOf: '2026-02-01', now: at(DAY_MS), wouldChange: () => true };

      const marked = await markEarlyNudges(store, early);
      const markedAgain = await markEarlyNudges(store, { ...early, now: at(2 * DAY_MS) });
      clock.set(at(DAY_MS));
      const tick = dispatcher().tick;
      await tick();
      clock.set(at(2 * DAY_MS));
      await tick();

      expect(marked).toEqual({ checked: 1, marked: 1 });
      expect(markedAgain).toEqual({ checked: 0, marked: 0 });
      expect(delivery.ids()).toEqual([audit.id]);
      expect(delivery.deliveries[0]?.context.early).toBe(true);
    });
  });

  describe('leases', () => {
    it('leaves a nudge whose lease was taken over to the dispatcher that took it', async () => {
      const [first, second, third] = [await dueAt(-2), await dueAt(-1), await dueAt(0)];
      const other = fakeDelivery();
      const slowly: DeliverNudge = async (audit, context) => {
        // The batch's deliveries outlast its lease: by the second, instance B claims the third.
        clock.advance(LEASE_MS / 2 + 1);
        if (audit.id === second?.id) {
          await dispatcher({ owner: 'instance-b', deliver: other.deliver }).tick();
        }
        return delivery.deliver(audit, context);
      };

      const result = await dispatcher({ deliver: slowly }).tick();

      expect(result).toMatchObject({ claimed: 3, delivered: 2, skipped: 1 });
      expect(delivery.ids()).toEqual([first?.id, second?.id]);
      expect(other.ids()).toEqual([third?.id]);
    });

    it('has a dead dispatcher claims delivered by another once its lease expires', async () => {
      const audits = [await dueAt(-2), await dueAt(-1), await dueAt(0)];
      const hung = deferred();
      const started = deferred();
      const dies: DeliverNudge = async () => {
        started.resolve();
        await hung.promise;
        return { ok: true };
      };
      void dispatcher({ deliver: dies }).tick();
      await started.promise;
      const survivor = dispatcher({ owner: 'instance-b' });

      clock.set(at(LEASE_MS - 1));
      const beforeExpiry = await survivor.tick();
      clock.set(at(LEASE_MS));
      await survivor.tick();

      expect(beforeExpiry.claimed).toBe(0);
      expect(delivery.ids().sort()).toEqual(audits.map((audit) => audit.id).sort());
      hung.resolve();
    });

    it('finishes the delivery in flight on stop and gives back the rest', async () => {
      const audits = [await dueAt(-2), await dueAt(-1), await dueAt(0)];
      const gate = deferred();
      const started = deferred();
      const first = fakeDelivery();
      const waitAtGate: DeliverNudge = async (audit, context) => {
        started.resolve();
        await gate.promise;
        return first.deliver(audit, context);
      };
      const stopping = dispatcher({ deliver: waitAtGate });
      const ticking = stopping.tick();
      await started.promise;

      const stopped = stopping.stop();
      gate.resolve();
      await stopped;
      const taken = await dispatcher({ owner: 'instance-b' }).tick();

      expect(await ticking).toMatchObject({ claimed: 3, delivered: 1, skipped: 2 });
      expect(first.ids()).toEqual([audits[0]?.id]);
      expect(taken.delivered).toBe(2);
      expect(delivery.ids()).toEqual([audits[1]?.id, audits[2]?.id]);
    });
  });

  describe('start and stop', () => {
    it('ticks on a timer until stopped', async () => {
      await dueAt(-1);
      await dueAt(0);
      const running = dispatcher({ batchSize: 1, pollIntervalMs: 5 });

      running.start();
      await expect.poll(() => delivery.deliveries.length).toBe(2);
      await running.stop();

      expect(logger.lines.map((line) => line.message)).toContain('nudge dispatcher stopped');
    });

    it("claims a busy channel's next nudge at once, not at the next poll", async () => {
      for (let index = 0; index < 3; index += 1) await dueAt(-index, 'C-busy');
      const running = dispatcher({
        clock: () => new Date(),
        pollIntervalMs: 60_000,
        spacing: { keyOf: (audit) => audit.channelId, intervalMs: 20 },
      });

      running.start();
      await expect.poll(() => delivery.deliveries.length, { timeout: 2_000 }).toBe(3);
      await running.stop();
    });

    it('polls again when a retry falls due, without waiting for the poll interval', async () => {
      const audit = await dueAt(-1);
      delivery.script(audit.id, [rateLimitedDelivery(20)]);
      const running = dispatcher({ clock: () => new Date(), pollIntervalMs: 60_000 });

      running.start();
      await expect.poll(() => delivery.deliveries.length, { timeout: 2_000 }).toBe(2);
      await running.stop();

      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({ nudgesDelivered: 1 });
    });
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNudgeDispatcher, type DeliverNudge } from '../../src/nudges/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { type TestDatabase, testBackends } from '../store/backends.ts';
import { at, DAY_MS, newAudit } from '../store/builders.ts';
import { fakeClock, recordingLogger } from './fakes.ts';

const DUE_NUDGES = 300;

describe.each(testBackends())('two dispatchers on one $name database', (backend) => {
  let database: TestDatabase;
  let stores: Store[];

  beforeEach(async () => {
    database = await backend.createDatabase();
    stores = [await openStore(database.url), await openStore(database.url)];
  });

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database.drop();
  });

  it('deliver every one of 300 due nudges exactly once', async () => {
    const [first, second] = stores;
    if (first === undefined || second === undefined) {
      throw new Error('two stores expected');
    }

    for (let index = 0; index < DUE_NUDGES; index += 1) {
      await first.audits.create(newAudit({ nextNudgeAt: at(-index) }));
    }

    const clock = fakeClock(at(1));
    const counts = new Map<string, number>();
    const byOwner = new Map<string, number>();

    function dispatcherOn(store: Store, owner: string) {
      const deliver: DeliverNudge = async (audit) => {
        counts.set(audit.id, (counts.get(audit.id) ?? 0) + 1);
        byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
        // A post takes a moment: the other dispatcher claims meanwhile.
        await sleep(0);
        return { ok: true };
      };

      return createNudgeDispatcher({
        store,
        clock: clock.now,
        owner,
        leaseMs: 60_000,
        batchSize: 5,
        reauditAfterMs: 90 * DAY_MS,
        deliver,
        logger: recordingLogger(),
      });
    }

    const dispatchers = [dispatcherOn(first, 'a'), dispatcherOn(second, 'b')];

    // Both tick at the same moment, again and again, so their claims race every time.
    for (;;) {
      const results = await Promise.all(dispatchers.map((dispatcher) => dispatcher.tick()));
      if (results.every((result) => result.claimed === 0)) {
        break;
      }
    }

    expect(counts.size).toBe(DUE_NUDGES);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(byOwner.get('a')).toBeGreaterThan(0);
    expect(byOwner.get('b')).toBeGreaterThan(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markEarlyNudges } from '../../src/nudges/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { at, DAY_MS, newAudit, summary, TEAM } from '../store/builders.ts';

describe('markEarlyNudges', () => {
  let store: Store;

  beforeEach(async () => {
    store = await openStore(':memory:');
  });

  afterEach(async () => {
    await store.close();
  });

  const newer = { catalogAsOf: '2026-04-01', now: at(DAY_MS) };

  it('brings forward only the threads the new catalog would change', async () => {
    const changes = await store.audits.create(newAudit());
    const stays = await store.audits.create(newAudit());

    const result = await markEarlyNudges(store, {
      ...newer,
      wouldChange: (thread) => thread.audit.id === changes.id,
    });

    expect(result).toEqual({ checked: 2, marked: 1 });
    expect((await store.audits.get(TEAM, changes.id))?.nextNudgeAt).toEqual(at(DAY_MS));
    expect((await store.audits.get(TEAM, stays.id))?.nextNudgeAt).toEqual(at(90 * DAY_MS));
  });

  it('does it once for each catalog, across restarts', async () => {
    await store.audits.create(newAudit());
    const always = { ...newer, wouldChange: () => true };

    await markEarlyNudges(store, always);
    const again = await markEarlyNudges(store, always);
    const nextCatalog = await markEarlyNudges(store, { ...always, catalogAsOf: '2026-07-01' });

    expect(again.marked).toBe(0);
    expect(nextCatalog.marked).toBe(1);
  });

  it('skips threads already re-audited under the new catalog', async () => {
    const audit = await store.audits.create(newAudit());
    await store.audits.recordReAudit(TEAM, audit.id, {
      userId: 'U0001',
      workload: audit.workload,
      summary: summary(),
      catalogAsOf: '2026-04-01',
      createdAt: at(DAY_MS),
    });

    const result = await markEarlyNudges(store, { ...newer, wouldChange: () => true });

    expect(result).toEqual({ checked: 0, marked: 0 });
  });

  it('hands the predicate the thread newest audit', async () => {
    const audit = await store.audits.create(newAudit());
    const repeat = await store.audits.recordReAudit(TEAM, audit.id, {
      userId: 'U0001',
      workload: audit.workload,
      summary: summary({ band: 'self-host' }),
      catalogAsOf: '2026-02-01',
      createdAt: at(DAY_MS),
    });
    const seen: string[] = [];

    await markEarlyNudges(store, {
      ...newer,
      wouldChange: (thread) => {
        seen.push(thread.latest.id);
        return false;
      },
    });

    expect(seen).toEqual([repeat.id]);
  });

  it('pages through every scheduled thread', async () => {
    for (let index = 0; index < 7; index += 1) {
      await store.audits.create(newAudit());
    }

    const result = await markEarlyNudges(store, { ...newer, pageSize: 3, wouldChange: () => true });

    expect(result).toEqual({ checked: 7, marked: 7 });
  });

  it('skips threads whose reminders are stopped', async () => {
    const audit = await store.audits.create(newAudit());
    await store.audits.stop(TEAM, audit.id, 'is_archived');

    const result = await markEarlyNudges(store, { ...newer, wouldChange: () => true });

    expect(result.checked).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referenceWorkload } from '../../src/engine/workload.ts';
import {
  AuditNotFoundError,
  openStore,
  SNOOZE_MS,
  STOPPED_BY_USER,
  type Store,
  StoredRowError,
} from '../../src/store/index.ts';
import { type TestDatabase, testBackends } from './backends.ts';
import { at, DAY_MS, newAudit, OTHER_TEAM, summary, T0, TEAM } from './builders.ts';

describe.each(testBackends())('store on $name', (backend) => {
  let database: TestDatabase;
  let store: Store;
  const opened: Store[] = [];

  async function open(): Promise<Store> {
    const next = await openStore(database.url);
    opened.push(next);
    return next;
  }

  beforeEach(async () => {
    database = await backend.createDatabase();
    store = await open();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((each) => each.close()));
    await database.drop();
  });

  describe('openStore', () => {
    it('reports the engine it opened', () => {
      expect(store.engine).toBe(backend.name);
    });

    it('opens an existing database again without migrating twice', async () => {
      const created = await store.audits.create(newAudit());
      const again = await open();

      expect(await again.audits.get(TEAM, created.id)).toEqual(created);
    });

    it('lets several instances open one database at once', async () => {
      const fresh = await backend.createDatabase();
      const stores = await Promise.all([1, 2, 3].map(() => openStore(fresh.url)));

      const created = await stores[0]?.audits.create(newAudit());
      expect(await stores[2]?.audits.get(TEAM, created?.id ?? '')).toBeDefined();

      await Promise.all(stores.map((each) => each.close()));
      await fresh.drop();
    });
  });

  describe('audits.create', () => {
    it('returns the stored audit, read back and parsed', async () => {
      const audit = await store.audits.create(newAudit());

      expect(audit).toMatchObject({
        teamId: TEAM.teamId,
        enterpriseId: null,
        channelId: 'C0001',
        threadTs: '1767603600.000100',
        userId: 'U0001',
        workload: referenceWorkload,
        summary: summary(),
        catalogAsOf: '2026-01-01',
        createdAt: T0,
        repeatsAuditId: null,
        remindersEnabled: true,
        stoppedReason: null,
        nextNudgeAt: at(90 * DAY_MS),
        nudgeEarly: false,
        nudgeAttempts: 0,
        nudgesDelivered: 0,
      });
    });

    it('gives each audit a short url-safe id', async () => {
      const ids = await Promise.all([1, 2, 3].map(() => store.audits.create(newAudit())));

      for (const { id } of ids) {
        expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      }
      expect(new Set(ids.map(({ id }) => id)).size).toBe(3);
    });

    it('keeps the enterprise id', async () => {
      const audit = await store.audits.create(newAudit({ scope: OTHER_TEAM }));

      expect(audit.enterpriseId).toBe('E0002');
    });
  });

  describe('audits.get', () => {
    it('finds an audit of the caller team', async () => {
      const audit = await store.audits.create(newAudit());

      expect(await store.audits.get(TEAM, audit.id)).toEqual(audit);
    });

    it('returns undefined for another team audit id', async () => {
      const audit = await store.audits.create(newAudit());

      expect(await store.audits.get(OTHER_TEAM, audit.id)).toBeUndefined();
    });

    it('returns undefined for an unknown id', async () => {
      expect(await store.audits.get(TEAM, 'nope')).toBeUndefined();
    });
  });

  describe('audits.listByChannel', () => {
    it('lists the channel threads of the caller team, recent first', async () => {
      const older = await store.audits.create(newAudit({ createdAt: at(0) }));
      const newer = await store.audits.create(newAudit({ createdAt: at(DAY_MS) }));
      await store.audits.create(newAudit({ channelId: 'C0002' }));
      await store.audits.create(newAudit({ scope: OTHER_TEAM }));

      const threads = await store.audits.listByChannel(TEAM, 'C0001');

      expect(threads.map((thread) => thread.audit.id)).toEqual([newer.id, older.id]);
    });

    it('pairs each thread with its newest re-audit', async () => {
      const audit = await store.audits.create(newAudit());
      await store.audits.recordReAudit(TEAM, audit.id, reAudit(30, 'evaluate'));
      const newest = await store.audits.recordReAudit(TEAM, audit.id, reAudit(60, 'self-host'));

      const [thread] = await store.audits.listByChannel(TEAM, 'C0001');

      expect(thread?.audit.id).toBe(audit.id);
      expect(thread?.latest).toEqual(newest);
    });

    it('answers every list length right, more distinct statements than SQLite keeps prepared', async () => {
      const ids: string[] = [];
      for (let index = 0; index < 201; index += 1) {
        const audit = await store.audits.create(newAudit({ createdAt: at(-index) }));
        ids.push(audit.id);
      }

      // Each length asks for the threads' re-audits with an IN list of its own length.
      for (const limit of [...Array.from({ length: 200 }, (_, index) => index + 1), 7, 1]) {
        const threads = await store.audits.listByChannel(TEAM, 'C0001', { limit });
        expect(threads.map((thread) => thread.audit.id)).toEqual(ids.slice(0, limit));
      }
    });

    it('pairs a thread never re-audited with itself', async () => {
      const audit = await store.audits.create(newAudit());

      const [thread] = await store.audits.listByChannel(TEAM, 'C0001');

      expect(thread?.latest).toEqual(audit);
    });
  });

  describe('audits.listByTeam', () => {
    it('lists only the caller team threads, recent first, up to the limit', async () => {
      for (const day of [0, 1, 2]) {
        await store.audits.create(newAudit({ createdAt: at(day * DAY_MS), channelId: `C${day}` }));
      }
      await store.audits.create(newAudit({ scope: OTHER_TEAM, createdAt: at(9 * DAY_MS) }));

      const threads = await store.audits.listByTeam(TEAM, { limit: 2 });

      expect(threads.map((thread) => thread.audit.channelId)).toEqual(['C2', 'C1']);
    });

    it('leaves out a corrupted row and reports it', async () => {
      const reported: StoredRowError[] = [];
      const watched = await openStore(database.url, { logger: collectErrors(reported) });
      opened.push(watched);
      const good = await store.audits.create(newAudit({ createdAt: at(0) }));
      const bad = await store.audits.create(newAudit({ createdAt: at(DAY_MS) }));
      await corruptSummary(database.url, bad.id);

      const threads = await watched.audits.listByTeam(TEAM);

      expect(threads.map((thread) => thread.audit.id)).toEqual([good.id]);
      expect(reported.map((error) => error.rowId)).toEqual([bad.id]);
    });
  });

  describe('audits.recordReAudit', () => {
    it('links a re-audit to the audit it repeats, in the same thread', async () => {
      const audit = await store.audits.create(newAudit());

      const repeat = await store.audits.recordReAudit(TEAM, audit.id, reAudit(90, 'self-host'));

      expect(repeat).toMatchObject({
        repeatsAuditId: audit.id,
        channelId: audit.channelId,
        threadTs: audit.threadTs,
        summary: summary({ band: 'self-host' }),
        catalogAsOf: '2026-04-01',
        nextNudgeAt: null,
      });
    });

    it('links a re-audit of a re-audit to the first audit of the thread', async () => {
      const audit = await store.audits.create(newAudit());
      const first = await store.audits.recordReAudit(TEAM, audit.id, reAudit(90, 'evaluate'));

      const second = await store.audits.recordReAudit(TEAM, first.id, reAudit(180, 'self-host'));

      expect(second.repeatsAuditId).toBe(audit.id);
      expect((await store.audits.history(TEAM, second.id)).map((each) => each.id)).toEqual([
        audit.id,
        first.id,
        second.id,
      ]);
    });

    it('moves the thread next nudge when asked', async () => {
      const audit = await store.audits.create(newAudit());

      await store.audits.recordReAudit(TEAM, audit.id, {
        ...reAudit(10, 'evaluate'),
        nextNudgeAt: at(100 * DAY_MS),
      });

      expect((await store.audits.get(TEAM, audit.id))?.nextNudgeAt).toEqual(at(100 * DAY_MS));
    });

    it('refuses to repeat another team audit', async () => {
      const audit = await store.audits.create(newAudit());

      await expect(
        store.audits.recordReAudit(OTHER_TEAM, audit.id, reAudit(90, 'evaluate')),
      ).rejects.toBeInstanceOf(AuditNotFoundError);
    });
  });

  describe('audits.setReminders', () => {
    it('turns reminders off and on again', async () => {
      const audit = await store.audits.create(newAudit());

      const off = await store.audits.setReminders(TEAM, audit.id, false);
      const on = await store.audits.setReminders(TEAM, audit.id, true);

      expect(off?.remindersEnabled).toBe(false);
      expect(on?.remindersEnabled).toBe(true);
    });

    it('clears a stop reason when turned back on', async () => {
      const audit = await store.audits.create(newAudit());
      await store.audits.stop(TEAM, audit.id, 'not_in_channel');

      const on = await store.audits.setReminders(TEAM, audit.id, true);

      expect(on).toMatchObject({ remindersEnabled: true, stoppedReason: null });
    });

    it('acts on the thread when given a re-audit id', async () => {
      const audit = await store.audits.create(newAudit());
      const repeat = await store.audits.recordReAudit(TEAM, audit.id, reAudit(90, 'evaluate'));

      const updated = await store.audits.setReminders(TEAM, repeat.id, false);

      expect(updated?.id).toBe(audit.id);
      expect(updated?.remindersEnabled).toBe(false);
    });

    it('leaves another team audit alone', async () => {
      const audit = await store.audits.create(newAudit());

      expect(await store.audits.setReminders(OTHER_TEAM, audit.id, false)).toBeUndefined();
      expect((await store.audits.get(TEAM, audit.id))?.remindersEnabled).toBe(true);
    });
  });

  describe('audits.snooze', () => {
    it('moves the next nudge to two weeks from now', async () => {
      const audit = await store.audits.create(newAudit());
      const now = at(90 * DAY_MS);

      const snoozed = await store.audits.snooze(TEAM, audit.id, now);

      expect(snoozed?.nextNudgeAt).toEqual(new Date(now.getTime() + SNOOZE_MS));
      expect(SNOOZE_MS).toBe(14 * DAY_MS);
    });

    it('leaves another team audit alone', async () => {
      const audit = await store.audits.create(newAudit());

      expect(await store.audits.snooze(OTHER_TEAM, audit.id, T0)).toBeUndefined();
    });
  });

  describe('audits.stop', () => {
    it('stops the thread nudges and records why', async () => {
      const audit = await store.audits.create(newAudit());

      const stopped = await store.audits.stop(TEAM, audit.id, STOPPED_BY_USER);

      expect(stopped).toMatchObject({ remindersEnabled: false, stoppedReason: 'stopped_by_user' });
    });
  });

  describe('audits.setThreadTs', () => {
    it('records where the answer was posted', async () => {
      const audit = await store.audits.create(newAudit({ threadTs: null }));

      const posted = await store.audits.setThreadTs(TEAM, audit.id, '1767603600.000200');

      expect(posted?.threadTs).toBe('1767603600.000200');
    });
  });

  describe('stored rows', () => {
    it('are checked when read back one at a time', async () => {
      const audit = await store.audits.create(newAudit());
      await corruptSummary(database.url, audit.id);

      await expect(store.audits.get(TEAM, audit.id)).rejects.toBeInstanceOf(StoredRowError);
    });
  });

  describe('nudges.claimDue', () => {
    it('leases due nudges only, earliest first', async () => {
      const later = await store.audits.create(
        newAudit({ channelId: 'C0002', nextNudgeAt: at(2 * DAY_MS) }),
      );
      const sooner = await store.audits.create(newAudit({ nextNudgeAt: at(DAY_MS) }));
      await store.audits.create(newAudit({ channelId: 'C0003', nextNudgeAt: at(9 * DAY_MS) }));
      await store.audits.create(newAudit({ channelId: 'C0004', nextNudgeAt: null }));

      const claimed = await claim(store, 'a', at(3 * DAY_MS));

      expect(claimed.map((nudge) => nudge.audit.id)).toEqual([sooner.id, later.id]);
      expect(claimed[0]?.dueAt).toEqual(at(DAY_MS));
      expect(claimed[0]?.leaseUntil).toEqual(at(3 * DAY_MS + 60_000));
    });

    it("leases one nudge a channel, the channel's earliest, and the next with a later claim", async () => {
      const second = await store.audits.create(newAudit({ nextNudgeAt: at(2_000) }));
      const first = await store.audits.create(newAudit({ nextNudgeAt: at(1_000) }));
      const elsewhere = await store.audits.create(
        newAudit({ channelId: 'C0002', nextNudgeAt: at(3_000) }),
      );
      // The same channel id in another workspace is another channel.
      const otherTeam = await store.audits.create(
        newAudit({ scope: OTHER_TEAM, nextNudgeAt: at(4_000) }),
      );

      const ids = async (owner: string) =>
        (await claim(store, owner, at(DAY_MS))).map((nudge) => nudge.audit.id);

      expect(await ids('a')).toEqual([first.id, elsewhere.id, otherTeam.id]);
      expect(await ids('b')).toEqual([second.id]);
      expect(await ids('c')).toEqual([]);
    });

    it('does not hand a leased nudge to another owner until the lease ends', async () => {
      await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await claim(store, 'a', at(0));

      expect(await claim(store, 'b', at(59_999))).toHaveLength(0);
      expect(await claim(store, 'b', at(60_000))).toHaveLength(1);
    });

    it('skips stopped and disabled threads', async () => {
      const stopped = await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      const disabled = await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await store.audits.stop(TEAM, stopped.id, 'is_archived');
      await store.audits.setReminders(TEAM, disabled.id, false);

      expect(await claim(store, 'a', at(DAY_MS))).toHaveLength(0);
    });

    it('stops a claimed row that no longer parses instead of claiming it forever', async () => {
      const audit = await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await corruptSummary(database.url, audit.id);

      expect(await claim(store, 'a', at(0))).toHaveLength(0);
      expect(await claim(store, 'a', at(DAY_MS))).toHaveLength(0);
    });

    it('never hands one nudge to two of many claims racing from two instances', async () => {
      const other = await open();
      for (let index = 0; index < 300; index += 1) {
        const channelId = `C${index % 40}`;
        await store.audits.create(newAudit({ channelId, nextNudgeAt: at(-index) }));
      }

      const claims = Array.from({ length: 20 }, (_, index) =>
        claim(index % 2 === 0 ? store : other, `owner-${index}`, at(0), 15),
      );
      const raced = (await Promise.all(claims)).flat().map((nudge) => nudge.audit.id);
      // A claim takes one nudge a channel: the sweeper claims until nothing is left.
      const rest: string[] = [];
      for (let round = 0; round < 300; round += 1) {
        const swept = await claim(store, `sweeper-${round}`, at(0), 300);
        if (swept.length === 0) break;
        rest.push(...swept.map((nudge) => nudge.audit.id));
      }
      const ids = [...raced, ...rest];

      expect(new Set(raced).size).toBe(raced.length);
      expect(new Set(ids).size).toBe(300);
      expect(ids).toHaveLength(300);
    });
  });

  describe('nudges.complete', () => {
    it('records the delivery and schedules the next nudge', async () => {
      const audit = await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await claim(store, 'a', at(0));

      const recorded = await store.nudges.complete(audit.id, 'a', at(1_000), at(90 * DAY_MS));

      expect(recorded).toBe(true);
      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
        nextNudgeAt: at(90 * DAY_MS),
        lastNudgedAt: at(1_000),
        nudgesDelivered: 1,
      });
    });

    it('is refused to an owner whose lease was taken over', async () => {
      const audit = await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await claim(store, 'a', at(0));
      await claim(store, 'b', at(60_000));

      expect(await store.nudges.complete(audit.id, 'a', at(61_000), at(90 * DAY_MS))).toBe(false);
      expect(await store.nudges.complete(audit.id, 'b', at(61_000), at(90 * DAY_MS))).toBe(true);
    });
  });

  describe('nudges.retryLater', () => {
    it('keeps the nudge due later and counts the attempt', async () => {
      const audit = await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await claim(store, 'a', at(0));

      await store.nudges.retryLater(audit.id, 'a', at(120_000), 'ratelimited');

      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
        nextNudgeAt: at(120_000),
        nudgeAttempts: 1,
        lastError: 'ratelimited',
      });
      expect(await claim(store, 'b', at(120_000))).toHaveLength(1);
    });
  });

  describe('nudges.releaseLeases', () => {
    it('gives back only this owner leases', async () => {
      await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await store.audits.create(newAudit({ nextNudgeAt: at(0) }));
      await claim(store, 'a', at(0), 1);
      await claim(store, 'b', at(0), 1);

      expect(await store.nudges.releaseLeases('a')).toBe(1);
      expect(await claim(store, 'c', at(1))).toHaveLength(1);
    });
  });

  describe('nudges.markEarly', () => {
    it('makes a nudge due now, once for each catalog', async () => {
      const audit = await store.audits.create(newAudit());

      expect(await store.nudges.markEarly(audit.id, '2026-04-01', at(DAY_MS))).toBe(true);
      expect(await store.nudges.markEarly(audit.id, '2026-04-01', at(2 * DAY_MS))).toBe(false);
      expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
        nextNudgeAt: at(DAY_MS),
        nudgeEarly: true,
        earlyCatalogAsOf: '2026-04-01',
      });
    });

    it('leaves a nudge that is already due earlier where it is', async () => {
      const audit = await store.audits.create(newAudit({ nextNudgeAt: at(0) }));

      await store.nudges.markEarly(audit.id, '2026-04-01', at(DAY_MS));

      expect((await store.audits.get(TEAM, audit.id))?.nextNudgeAt).toEqual(at(0));
    });
  });

  describe('requestKeys', () => {
    it('says a key is new only the first time, from any instance', async () => {
      const other = await open();

      const answers = await Promise.all([
        store.requestKeys.firstSeen(TEAM, 'trigger-1', T0),
        other.requestKeys.firstSeen(TEAM, 'trigger-1', T0),
        other.requestKeys.firstSeen(TEAM, 'trigger-1', at(1)),
      ]);

      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('keeps keys apart by team', async () => {
      await store.requestKeys.firstSeen(TEAM, 'trigger-1', T0);

      expect(await store.requestKeys.firstSeen(OTHER_TEAM, 'trigger-1', T0)).toBe(true);
    });

    it('forgets old keys', async () => {
      await store.requestKeys.firstSeen(TEAM, 'old', T0);
      await store.requestKeys.firstSeen(TEAM, 'new', at(DAY_MS));

      expect(await store.requestKeys.forgetBefore(at(1))).toBe(1);
      expect(await store.requestKeys.firstSeen(TEAM, 'old', at(DAY_MS))).toBe(true);
    });
  });

  describe('installations', () => {
    const installation = {
      teamId: 'T0001',
      enterpriseId: null,
      isEnterpriseInstall: false,
      botToken: 'xoxb-test-token',
      botUserId: 'U0BOT',
      botId: 'B0001',
      installedAt: T0,
      raw: { team: { id: 'T0001' } },
    };
    const byTeam = { teamId: 'T0001', enterpriseId: undefined, isEnterpriseInstall: false };

    it('saves and finds a workspace installation', async () => {
      await store.installations.save(installation);

      expect(await store.installations.find(byTeam)).toEqual(installation);
    });

    it('replaces the token on reinstall and keeps the first install time', async () => {
      await store.installations.save(installation);
      await store.installations.save({ ...installation, botToken: 'xoxb-new', installedAt: at(1) });

      expect(await store.installations.find(byTeam)).toMatchObject({
        botToken: 'xoxb-new',
        installedAt: T0,
      });
    });

    it('keys an org-wide install by its enterprise', async () => {
      const orgWide = {
        ...installation,
        teamId: null,
        enterpriseId: 'E1',
        isEnterpriseInstall: true,
      };
      await store.installations.save(orgWide);

      const found = await store.installations.find({
        teamId: 'T0009',
        enterpriseId: 'E1',
        isEnterpriseInstall: true,
      });

      expect(found?.enterpriseId).toBe('E1');
      expect(await store.installations.find(byTeam)).toBeUndefined();
    });

    it('deletes an installation', async () => {
      await store.installations.save(installation);

      expect(await store.installations.delete(byTeam)).toBe(true);
      expect(await store.installations.find(byTeam)).toBeUndefined();
    });
  });
});

function reAudit(day: number, band: 'evaluate' | 'self-host') {
  return {
    userId: 'U0001',
    workload: referenceWorkload,
    summary: summary({ band }),
    catalogAsOf: '2026-04-01',
    createdAt: at(day * DAY_MS),
  };
}

function claim(store: Store, owner: string, now: Date, limit = 10) {
  return store.nudges.claimDue({ owner, now, leaseUntil: new Date(now.getTime() + 60_000), limit });
}

function collectErrors(into: StoredRowError[]) {
  const ignore = () => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (_message: unknown, fields: unknown) => {
      const error = (fields as { error?: unknown }).error;
      if (error instanceof StoredRowError) {
        into.push(error);
      }
    },
  };
}

/** Writes a summary the app never would, the way a hand or an older version might. */
async function corruptSummary(url: string, auditId: string): Promise<void> {
  const raw = await openRaw(url);
  await raw.run(`UPDATE audits SET summary = '{"band":"maybe"}' WHERE id = '${auditId}'`);
  await raw.close();
}

async function openRaw(url: string) {
  if (url.startsWith('sqlite:')) {
    const { default: Database } = await import('better-sqlite3');
    const database = new Database(url.slice('sqlite:'.length));
    return {
      run: async (statement: string) => void database.exec(statement),
      close: async () => database.close(),
    };
  }

  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    run: async (statement: string) => void (await client.query(statement)),
    close: () => client.end(),
  };
}

import type { Kysely, Updateable } from 'kysely';
import { AuditNotFoundError } from './errors.ts';
import { newAuditId } from './ids.ts';
import { parseAuditRow } from './rows.ts';
import type { AuditsTable, Tables } from './schema.ts';
import { type InvalidRowReporter, loadThreads, parseAuditRows } from './threads.ts';
import type {
  Audit,
  AuditRepository,
  ListOptions,
  NewAudit,
  NewReAudit,
  TeamScope,
} from './types.ts';

/** How far "Snooze 2 weeks" moves a thread's next nudge. */
export const SNOOZE_MS = 14 * 24 * 60 * 60 * 1000;

/** The stop reason recorded when someone presses "Stop reminders". */
export const STOPPED_BY_USER = 'stopped_by_user';

const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 200;

function listLimit(options: ListOptions | undefined): number {
  const limit = options?.limit ?? DEFAULT_LIST_LIMIT;
  return Math.max(1, Math.min(MAX_LIST_LIMIT, Math.floor(limit)));
}

/** Audits scoped by team: no method reads or writes another team's rows. */
export function createAuditRepository(
  db: Kysely<Tables>,
  report: InvalidRowReporter,
): AuditRepository {
  async function get(scope: TeamScope, id: string): Promise<Audit | undefined> {
    const row = await db
      .selectFrom('audits')
      .selectAll()
      .where('team_id', '=', scope.teamId)
      .where('id', '=', id)
      .executeTakeFirst();

    return row === undefined ? undefined : parseAuditRow(row);
  }

  async function rootOf(scope: TeamScope, id: string): Promise<Audit | undefined> {
    const audit = await get(scope, id);

    if (audit?.repeatsAuditId == null) {
      return audit;
    }

    return get(scope, audit.repeatsAuditId);
  }

  async function updateRoot(
    scope: TeamScope,
    id: string,
    changes: Updateable<AuditsTable>,
  ): Promise<Audit | undefined> {
    const root = await rootOf(scope, id);

    if (root === undefined) {
      return undefined;
    }

    const row = await db
      .updateTable('audits')
      .set(changes)
      .where('team_id', '=', scope.teamId)
      .where('id', '=', root.id)
      .returningAll()
      .executeTakeFirst();

    return row === undefined ? undefined : parseAuditRow(row);
  }

  return {
    async create(input: NewAudit) {
      const row = await db
        .insertInto('audits')
        .values({
          id: newAuditId(),
          team_id: input.scope.teamId,
          enterprise_id: input.scope.enterpriseId ?? null,
          channel_id: input.channelId,
          thread_ts: input.threadTs,
          user_id: input.userId,
          workload: JSON.stringify(input.workload),
          summary: JSON.stringify(input.summary),
          catalog_as_of: input.catalogAsOf,
          created_at: input.createdAt.getTime(),
          repeats_audit_id: null,
          stopped_reason: null,
          next_nudge_at: input.nextNudgeAt?.getTime() ?? null,
          early_catalog_as_of: null,
          last_error: null,
          lease_owner: null,
          lease_until: null,
          last_nudged_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();

      return parseAuditRow(row);
    },

    get,

    async getThread(scope, id) {
      const root = await rootOf(scope, id);

      if (root === undefined) {
        return undefined;
      }

      const [thread] = await loadThreads(db, [root], scope.teamId, report);
      return thread;
    },

    async history(scope, id) {
      const root = await rootOf(scope, id);

      if (root === undefined) {
        return [];
      }

      const rows = await db
        .selectFrom('audits')
        .selectAll()
        .where('team_id', '=', scope.teamId)
        .where('repeats_audit_id', '=', root.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();

      return [root, ...parseAuditRows(rows, report)];
    },

    async listByChannel(scope, channelId, options) {
      const rows = await db
        .selectFrom('audits')
        .selectAll()
        .where('team_id', '=', scope.teamId)
        .where('channel_id', '=', channelId)
        .where('repeats_audit_id', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(listLimit(options))
        .execute();

      return loadThreads(db, parseAuditRows(rows, report), scope.teamId, report);
    },

    async listByTeam(scope, options) {
      const rows = await db
        .selectFrom('audits')
        .selectAll()
        .where('team_id', '=', scope.teamId)
        .where('repeats_audit_id', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(listLimit(options))
        .execute();

      return loadThreads(db, parseAuditRows(rows, report), scope.teamId, report);
    },

    async setThreadTs(scope, id, threadTs) {
      const row = await db
        .updateTable('audits')
        .set({ thread_ts: threadTs })
        .where('team_id', '=', scope.teamId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();

      return row === undefined ? undefined : parseAuditRow(row);
    },

    setReminders(scope, id, enabled) {
      const changes = enabled
        ? { reminders_enabled: 1, stopped_reason: null }
        : { reminders_enabled: 0 };

      return updateRoot(scope, id, changes);
    },

    snooze(scope, id, now) {
      return updateRoot(scope, id, { next_nudge_at: now.getTime() + SNOOZE_MS, nudge_early: 0 });
    },

    stop(scope, id, reason) {
      return updateRoot(scope, id, { reminders_enabled: 0, stopped_reason: reason });
    },

    async recordReAudit(scope, repeatsId, input: NewReAudit) {
      const root = await rootOf(scope, repeatsId);

      if (root === undefined) {
        throw new AuditNotFoundError(repeatsId);
      }

      const row = await db
        .insertInto('audits')
        .values({
          id: newAuditId(),
          team_id: root.teamId,
          enterprise_id: root.enterpriseId,
          channel_id: root.channelId,
          thread_ts: input.threadTs === undefined ? root.threadTs : input.threadTs,
          user_id: input.userId,
          workload: JSON.stringify(input.workload),
          summary: JSON.stringify(input.summary),
          catalog_as_of: input.catalogAsOf,
          created_at: input.createdAt.getTime(),
          repeats_audit_id: root.id,
          reminders_enabled: 0,
          stopped_reason: null,
          next_nudge_at: null,
          early_catalog_as_of: null,
          last_error: null,
          lease_owner: null,
          lease_until: null,
          last_nudged_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();

      if (input.nextNudgeAt !== undefined) {
        await updateRoot(scope, root.id, { next_nudge_at: input.nextNudgeAt.getTime() });
      }

      return parseAuditRow(row);
    },
  };
}

import type { ExpressionBuilder, Kysely } from 'kysely';
import { StoredRowError } from './errors.ts';
import { parseAuditRow, parseLeaseRow } from './rows.ts';
import type { Tables } from './schema.ts';
import { type InvalidRowReporter, loadThreads, parseAuditRows } from './threads.ts';
import type { ClaimedNudge, NudgeQueue, StoreEngine } from './types.ts';

/** The stop reason of an audit whose stored row no longer parses: it cannot be re-run. */
export const STORED_ROW_INVALID = 'stored_row_invalid';

function sortByDueTime(nudges: ClaimedNudge[]): ClaimedNudge[] {
  return nudges.sort(
    (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.audit.id.localeCompare(b.audit.id),
  );
}

/**
 * The nudge schedule lives in columns of each thread's first audit: a thread has at most one
 * pending nudge by construction, and a claim is one UPDATE on one table.
 */
export function createNudgeQueue(
  db: Kysely<Tables>,
  engine: StoreEngine,
  report: InvalidRowReporter,
): NudgeQueue {
  async function stopPermanently(auditId: string, reason: string): Promise<boolean> {
    const result = await db
      .updateTable('audits')
      .set({
        reminders_enabled: 0,
        stopped_reason: reason,
        last_error: reason,
        lease_owner: null,
        lease_until: null,
      })
      .where('id', '=', auditId)
      .executeTakeFirst();

    return result.numUpdatedRows > 0n;
  }

  /** A claimed row that does not parse can never be delivered: stop it rather than loop on it. */
  async function parseClaimed(rows: unknown[]): Promise<ClaimedNudge[]> {
    const claimed: ClaimedNudge[] = [];

    for (const row of rows) {
      try {
        claimed.push({ audit: parseAuditRow(row), ...parseLeaseRow(row) });
      } catch (error) {
        if (!(error instanceof StoredRowError)) {
          throw error;
        }
        report(error);
        await stopPermanently(error.rowId, STORED_ROW_INVALID);
      }
    }

    return sortByDueTime(claimed);
  }

  return {
    async claimDue({ owner, now, leaseUntil, limit }) {
      const nowMs = now.getTime();
      const claimable = (eb: ExpressionBuilder<Tables, 'audits'>) =>
        eb.and([
          eb('next_nudge_at', '<=', nowMs),
          eb('reminders_enabled', '=', 1),
          eb('stopped_reason', 'is', null),
          eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowMs)]),
        ]);

      // Each channel's earliest claimable nudge, earliest first.
      const firstInChannel = db
        .selectFrom((from) =>
          from
            .selectFrom('audits')
            .select((eb) => [
              'id',
              'next_nudge_at',
              eb.fn
                .agg<number>('row_number')
                .over((over) =>
                  over
                    .partitionBy(['team_id', 'channel_id'])
                    .orderBy('next_nudge_at')
                    .orderBy('id'),
                )
                .as('place'),
            ])
            .where(claimable)
            .as('due'),
        )
        .select('due.id')
        .where('due.place', '=', 1)
        .orderBy('due.next_nudge_at')
        .orderBy('due.id')
        .limit(limit);

      // PostgreSQL: rows another claimer has locked are skipped, and a row whose lease changed
      // after this statement's snapshot is re-checked against `claimable` before it is locked.
      // SQLite: one statement holds the database's write lock from start to end.
      const toLease =
        engine === 'postgres'
          ? db
              .selectFrom('audits')
              .select('id')
              .where('id', 'in', firstInChannel)
              .where(claimable)
              .forUpdate()
              .skipLocked()
          : firstInChannel;

      const rows = await db
        .updateTable('audits')
        .set({ lease_owner: owner, lease_until: leaseUntil.getTime() })
        .where('id', 'in', toLease)
        .returningAll()
        .execute();

      return parseClaimed(rows);
    },

    async renewLease(auditId, owner, leaseUntil) {
      const result = await db
        .updateTable('audits')
        .set({ lease_until: leaseUntil.getTime() })
        .where('id', '=', auditId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();

      return result.numUpdatedRows > 0n;
    },

    async complete(auditId, owner, deliveredAt, nextDueAt) {
      const result = await db
        .updateTable('audits')
        .set((eb) => ({
          next_nudge_at: nextDueAt.getTime(),
          last_nudged_at: deliveredAt.getTime(),
          nudges_delivered: eb('nudges_delivered', '+', 1),
          nudge_attempts: 0,
          nudge_early: 0,
          last_error: null,
          lease_owner: null,
          lease_until: null,
        }))
        .where('id', '=', auditId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();

      return result.numUpdatedRows > 0n;
    },

    async retryLater(auditId, owner, dueAt, error) {
      const result = await db
        .updateTable('audits')
        .set((eb) => ({
          next_nudge_at: dueAt.getTime(),
          nudge_attempts: eb('nudge_attempts', '+', 1),
          last_error: error,
          lease_owner: null,
          lease_until: null,
        }))
        .where('id', '=', auditId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();

      return result.numUpdatedRows > 0n;
    },

    stopPermanently,

    async releaseLeases(owner) {
      const result = await db
        .updateTable('audits')
        .set({ lease_owner: null, lease_until: null })
        .where('lease_owner', '=', owner)
        .executeTakeFirst();

      return Number(result.numUpdatedRows);
    },

    async listUnmarkedForCatalog(catalogAsOf, afterId, limit) {
      const rows = await db
        .selectFrom('audits')
        .selectAll()
        .where('repeats_audit_id', 'is', null)
        .where('next_nudge_at', 'is not', null)
        .where('reminders_enabled', '=', 1)
        .where('stopped_reason', 'is', null)
        .where((eb) =>
          eb.or([
            eb('early_catalog_as_of', 'is', null),
            eb('early_catalog_as_of', '<', catalogAsOf),
          ]),
        )
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();

      return loadThreads(db, parseAuditRows(rows, report), null, report);
    },

    async markEarly(auditId, catalogAsOf, now) {
      const nowMs = now.getTime();

      const result = await db
        .updateTable('audits')
        .set((eb) => ({
          next_nudge_at: eb
            .case()
            .when('next_nudge_at', '>', nowMs)
            .then(nowMs)
            .else(eb.ref('next_nudge_at'))
            .end(),
          nudge_early: 1,
          early_catalog_as_of: catalogAsOf,
        }))
        .where('id', '=', auditId)
        .where('reminders_enabled', '=', 1)
        .where('stopped_reason', 'is', null)
        .where((eb) =>
          eb.or([
            eb('early_catalog_as_of', 'is', null),
            eb('early_catalog_as_of', '<', catalogAsOf),
          ]),
        )
        // A nudge being delivered right now is left to that delivery.
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowMs)]))
        .executeTakeFirst();

      return result.numUpdatedRows > 0n;
    },
  };
}

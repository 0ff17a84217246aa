import type { Kysely } from 'kysely';
import { StoredRowError } from './errors.ts';
import { parseAuditRow } from './rows.ts';
import type { Tables } from './schema.ts';
import type { Audit, AuditThread } from './types.ts';

/** Called with each stored row a list leaves out because it does not parse. */
export type InvalidRowReporter = (error: StoredRowError) => void;

/** The rows that parse; one that does not is reported and left out, so it hides only itself. */
export function parseAuditRows(rows: unknown[], report: InvalidRowReporter): Audit[] {
  const audits: Audit[] = [];

  for (const row of rows) {
    try {
      audits.push(parseAuditRow(row));
    } catch (error) {
      if (!(error instanceof StoredRowError)) {
        throw error;
      }
      report(error);
    }
  }

  return audits;
}

/**
 * Each thread's first audit with its newest re-audit. `teamId` scopes the lookup for team-facing
 * reads; the dispatcher, which works across teams, passes null.
 */
export async function loadThreads(
  db: Kysely<Tables>,
  roots: Audit[],
  teamId: string | null,
  report: InvalidRowReporter,
): Promise<AuditThread[]> {
  if (roots.length === 0) {
    return [];
  }

  let query = db
    .selectFrom('audits')
    .selectAll()
    .where(
      'repeats_audit_id',
      'in',
      roots.map((root) => root.id),
    );

  if (teamId !== null) {
    query = query.where('team_id', '=', teamId);
  }

  // Ordered by thread first, so that SQLite reads each thread's re-audits from
  // audits_team_repeats rather than every audit of the team.
  const rows = await query
    .orderBy('repeats_audit_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

  const latest = new Map<string | null, Audit>();
  for (const run of parseAuditRows(rows, report)) {
    latest.set(run.repeatsAuditId, run);
  }

  return roots.map((audit) => ({ audit, latest: latest.get(audit.id) ?? audit }));
}

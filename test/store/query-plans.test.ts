import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referenceWorkload } from '../../src/engine/workload.ts';
import { migrateSqlite } from '../../src/store/migrations.ts';
import { parseAuditRow } from '../../src/store/rows.ts';
import type { Tables } from '../../src/store/schema.ts';
import { loadThreads } from '../../src/store/threads.ts';
import { summary, TEAM } from './builders.ts';

/**
 * SQLite plans a query from its indexes alone (the store never runs ANALYZE), and a plan that
 * reads a team's every audit grows slower with each audit stored. These check the plans of the
 * queries that run once for every nudge.
 */

let database: Database.Database;
let statements: string[];

beforeEach(() => {
  database = new Database(':memory:');
  migrateSqlite(database, new Date());
  statements = [];
});

afterEach(() => {
  database.close();
});

/** Kysely over the test database, keeping each SQL text it prepares. */
function recordingDb(): Kysely<Tables> {
  const recording = {
    close: () => undefined,
    prepare: (text: string) => {
      statements.push(text);
      return database.prepare(text);
    },
  };
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: recording }) });
}

function planOf(text: string): string[] {
  const parameters = (text.match(/\?/g) ?? []).map(() => 'x');
  return database
    .prepare(`EXPLAIN QUERY PLAN ${text}`)
    .all(...parameters)
    .map((step) => (step as { detail: string }).detail);
}

function rootAudit(id: string) {
  return parseAuditRow({
    id,
    team_id: TEAM.teamId,
    enterprise_id: null,
    channel_id: 'C0001',
    thread_ts: '1767603600.000100',
    user_id: 'U0001',
    workload: JSON.stringify(referenceWorkload),
    summary: JSON.stringify(summary()),
    catalog_as_of: '2026-01-01',
    created_at: 0,
    repeats_audit_id: null,
    reminders_enabled: 1,
    stopped_reason: null,
    next_nudge_at: null,
    nudge_early: 0,
    early_catalog_as_of: null,
    nudge_attempts: 0,
    last_error: null,
    lease_owner: null,
    lease_until: null,
    last_nudged_at: null,
    nudges_delivered: 0,
  });
}

describe('SQLite query plans', () => {
  it.each([1, 3, 50])(
    "finds %i threads' re-audits by thread, not by reading the team",
    async (count) => {
      const roots = Array.from({ length: count }, (_, index) => rootAudit(`root${index}`));
      const db = recordingDb();

      await loadThreads(db, roots, TEAM.teamId, () => undefined);

      const [text] = statements;
      expect(text).toBeDefined();
      expect(planOf(text as string).join('\n')).toMatch(
        /SEARCH audits USING INDEX audits_team_repeats \(team_id=\? AND repeats_audit_id=\?\)/,
      );
      await db.destroy();
    },
  );
});

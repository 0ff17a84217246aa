import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Tables } from './schema.ts';

interface Migration {
  name: string;
  statements: string[];
}

/*
 * Plain SQL both engines accept word for word, so SQLite and PostgreSQL hold the same schema.
 * Append new migrations; never edit one that has shipped.
 */
const MIGRATIONS: Migration[] = [
  {
    name: '001-audits-and-installations',
    statements: [
      `CREATE TABLE audits (
        id text PRIMARY KEY,
        team_id text NOT NULL,
        enterprise_id text,
        channel_id text NOT NULL,
        thread_ts text,
        user_id text NOT NULL,
        workload text NOT NULL,
        summary text NOT NULL,
        catalog_as_of text NOT NULL,
        created_at bigint NOT NULL,
        repeats_audit_id text REFERENCES audits (id),
        reminders_enabled integer NOT NULL DEFAULT 1,
        stopped_reason text,
        next_nudge_at bigint,
        nudge_early integer NOT NULL DEFAULT 0,
        early_catalog_as_of text,
        nudge_attempts integer NOT NULL DEFAULT 0,
        last_error text,
        lease_owner text,
        lease_until bigint,
        last_nudged_at bigint,
        nudges_delivered integer NOT NULL DEFAULT 0
      )`,
      'CREATE INDEX audits_due ON audits (next_nudge_at) WHERE next_nudge_at IS NOT NULL',
      'CREATE INDEX audits_team_created ON audits (team_id, created_at)',
      'CREATE INDEX audits_team_channel_created ON audits (team_id, channel_id, created_at)',
      'CREATE INDEX audits_repeats ON audits (repeats_audit_id)',
      'CREATE INDEX audits_lease_owner ON audits (lease_owner) WHERE lease_owner IS NOT NULL',
      `CREATE TABLE installations (
        installation_key text PRIMARY KEY,
        team_id text,
        enterprise_id text,
        is_enterprise_install integer NOT NULL,
        bot_token text NOT NULL,
        bot_user_id text NOT NULL,
        bot_id text,
        installation text NOT NULL,
        installed_at bigint NOT NULL,
        updated_at bigint NOT NULL
      )`,
    ],
  },
  {
    name: '002-request-keys',
    statements: [
      `CREATE TABLE request_keys (
        team_id text NOT NULL,
        request_key text NOT NULL,
        seen_at bigint NOT NULL,
        PRIMARY KEY (team_id, request_key)
      )`,
      'CREATE INDEX request_keys_seen ON request_keys (seen_at)',
    ],
  },
  {
    // A thread's re-audits by team: without it SQLite reads a team's every audit to find them.
    name: '003-re-audits-by-team',
    statements: [
      'CREATE INDEX audits_team_repeats ON audits (team_id, repeats_audit_id, created_at)',
    ],
  },
];

/** Prefix of the advisory lock's key; the schema name completes it, so schemas never wait. */
const MIGRATION_LOCK = 'selfhost-check-migrations:';

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS store_migrations (
  name text PRIMARY KEY,
  applied_at bigint NOT NULL
)`;

/** Names of migrations not yet applied, in order. */
function pending(applied: Set<string>): Migration[] {
  return MIGRATIONS.filter((migration) => !applied.has(migration.name));
}

/**
 * Applies missing migrations in one IMMEDIATE transaction: it takes SQLite's write lock before
 * reading what was applied, so two processes opening one file apply each migration once.
 */
export function migrateSqlite(database: BetterSqlite3.Database, now: Date): string[] {
  const run = database.transaction(() => {
    database.exec(CREATE_MIGRATIONS_TABLE);

    const rows = database.prepare('SELECT name FROM store_migrations').all() as { name: string }[];
    const todo = pending(new Set(rows.map((row) => row.name)));
    const record = database.prepare(
      'INSERT INTO store_migrations (name, applied_at) VALUES (?, ?)',
    );

    for (const migration of todo) {
      for (const statement of migration.statements) {
        database.exec(statement);
      }
      record.run(migration.name, now.getTime());
    }

    return todo.map((migration) => migration.name);
  });

  return run.immediate();
}

/**
 * Applies missing migrations in one transaction holding an advisory lock keyed by the schema, so
 * instances starting at once on one database wait for each other and apply each migration once.
 * PostgreSQL's DDL is transactional: a failed migration leaves nothing half done.
 */
export async function migratePostgres(db: Kysely<Tables>, now: Date): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const lockKey = sql`hashtext(${MIGRATION_LOCK} || current_schema())`;
    await sql`SELECT pg_advisory_xact_lock(${lockKey})`.execute(trx);

    await sql.raw(CREATE_MIGRATIONS_TABLE).execute(trx);

    const rows = await trx.selectFrom('store_migrations').select('name').execute();
    const todo = pending(new Set(rows.map((row) => row.name)));

    for (const migration of todo) {
      for (const statement of migration.statements) {
        await sql.raw(statement).execute(trx);
      }
      await trx
        .insertInto('store_migrations')
        .values({ name: migration.name, applied_at: now.getTime() })
        .execute();
    }

    return todo.map((migration) => migration.name);
  });
}

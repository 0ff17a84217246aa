import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { createAuditRepository } from './audits.ts';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.ts';
import { createInstallationRepository } from './installations.ts';
import { migratePostgres, migrateSqlite } from './migrations.ts';
import { createNudgeQueue } from './nudge-queue.ts';
import { createRequestKeyRepository } from './request-keys.ts';
import type { Tables } from './schema.ts';
import type { InvalidRowReporter } from './threads.ts';
import type { Logger, Store, StoreEngine } from './types.ts';

export interface StoreOptions {
  logger?: Logger;
  /** Connections PostgreSQL may open for this store. */
  poolSize?: number;
}

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Distinct statements kept prepared; an `IN` list of each length is a statement of its own. */
const SQLITE_STATEMENTS_KEPT = 200;
const DEFAULT_POOL_SIZE = 10;

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * The database as Kysely sees it, preparing each distinct SQL text once: Kysely asks for a
 * statement on every query, and preparing costs more than running most of ours. The oldest
 * statement is dropped when too many are kept. Kysely runs one query at a time on SQLite's
 * single connection, so a statement is never in use twice.
 */
function withPreparedStatements(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();

  return {
    close: () => database.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        if (statements.size >= SQLITE_STATEMENTS_KEPT) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

function openSqlite(path: string, logger: Logger): Kysely<Tables> {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }

  const database = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });

  // WAL lets readers go on while one writer writes, so several processes can share one file.
  if (path !== ':memory:') {
    database.pragma('journal_mode = WAL');
  }
  database.pragma('foreign_keys = ON');

  const applied = migrateSqlite(database, new Date());
  logApplied(logger, 'sqlite', applied);

  return new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withPreparedStatements(database) }),
  });
}

async function openPostgres(
  connectionString: string,
  options: StoreOptions,
  logger: Logger,
): Promise<Kysely<Tables>> {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? DEFAULT_POOL_SIZE });

  // An idle connection the server drops would otherwise crash the process.
  pool.on('error', (error) => logger.error('store: idle PostgreSQL connection failed', error));

  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });

  try {
    const applied = await migratePostgres(db, new Date());
    logApplied(logger, 'postgres', applied);
  } catch (error) {
    await db.destroy();
    throw error;
  }

  return db;
}

function logApplied(logger: Logger, engine: StoreEngine, applied: string[]): void {
  if (applied.length > 0) {
    logger.info('store: migrations applied', { engine, migrations: applied });
  }
}

function connect(
  target: DatabaseTarget,
  options: StoreOptions,
  logger: Logger,
): Promise<Kysely<Tables>> {
  if (target.engine === 'postgres') {
    return openPostgres(target.connectionString, options, logger);
  }

  return Promise.resolve(openSqlite(target.path, logger));
}

/**
 * Opens the store DATABASE_URL names (see `parseDatabaseUrl`) and brings its schema up to date.
 * Safe when several instances open one PostgreSQL database, or one SQLite file, at once.
 */
export async function openStore(
  url: string | undefined,
  options: StoreOptions = {},
): Promise<Store> {
  const target = parseDatabaseUrl(url);
  const logger = options.logger ?? silentLogger;
  const db = await connect(target, options, logger);

  const report: InvalidRowReporter = (error) =>
    logger.error('store: stored row left out', { table: error.table, id: error.rowId, error });

  return {
    engine: target.engine,
    audits: createAuditRepository(db, report),
    nudges: createNudgeQueue(db, target.engine, report),
    installations: createInstallationRepository(db),
    requestKeys: createRequestKeyRepository(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

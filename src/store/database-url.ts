import { DatabaseUrlError } from './errors.ts';

/** Where the store lives when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_PATH = './data/selfhost-check.db';

export type DatabaseTarget =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgres'; connectionString: string };

const POSTGRES_SCHEMES = ['postgres:', 'postgresql:'];
const SQLITE_SCHEME = 'sqlite:';
const MEMORY = ':memory:';

/**
 * Reads DATABASE_URL: unset means the default SQLite file; `sqlite:path`, `sqlite://path` or a
 * plain path mean that SQLite file (`:memory:` for tests); `postgres://…` means PostgreSQL.
 */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  const value = url?.trim() ?? '';

  if (value === '') {
    return { engine: 'sqlite', path: DEFAULT_SQLITE_PATH };
  }

  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(value)?.[1]?.toLowerCase();

  if (scheme !== undefined && POSTGRES_SCHEMES.includes(scheme)) {
    return { engine: 'postgres', connectionString: value };
  }

  if (scheme === SQLITE_SCHEME) {
    return { engine: 'sqlite', path: sqlitePath(value.slice(SQLITE_SCHEME.length)) };
  }

  if (scheme !== undefined && value.slice(scheme.length).startsWith('//')) {
    // Only the scheme is named: the rest of a URL may hold a password.
    throw new DatabaseUrlError(
      `DATABASE_URL scheme ${scheme} is not supported; use postgres://…, sqlite:path or a path`,
    );
  }

  return { engine: 'sqlite', path: value };
}

function sqlitePath(rest: string): string {
  const path = rest.startsWith('//') ? rest.slice(2) : rest;

  if (path === '') {
    throw new DatabaseUrlError('DATABASE_URL sqlite: needs a file path or :memory:');
  }

  return path === MEMORY ? MEMORY : path;
}

import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, DEFAULT_SQLITE_PATH, parseDatabaseUrl } from '../../src/store/index.ts';

describe('parseDatabaseUrl', () => {
  it('defaults to the SQLite file under ./data', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ engine: 'sqlite', path: DEFAULT_SQLITE_PATH });
    expect(parseDatabaseUrl('  ')).toEqual({ engine: 'sqlite', path: DEFAULT_SQLITE_PATH });
  });

  it.each([
    ['sqlite:./var/audits.db', './var/audits.db'],
    ['sqlite://./var/audits.db', './var/audits.db'],
    ['sqlite:///srv/audits.db', '/srv/audits.db'],
    ['sqlite::memory:', ':memory:'],
    [':memory:', ':memory:'],
    ['/srv/audits.db', '/srv/audits.db'],
  ])('reads %s as the SQLite file %s', (url, path) => {
    expect(parseDatabaseUrl(url)).toEqual({ engine: 'sqlite', path });
  });

  it.each(['postgres://u:p@db:5432/audits', 'postgresql://db/audits'])('reads %s', (url) => {
    expect(parseDatabaseUrl(url)).toEqual({ engine: 'postgres', connectionString: url });
  });

  it('names an unsupported scheme without repeating the password', () => {
    const parse = () => parseDatabaseUrl('mysql://root:hunter2@db/audits');

    expect(parse).toThrow(DatabaseUrlError);
    expect(parse).toThrow(/mysql:/);
    expect(parse).not.toThrow(/hunter2/);
  });

  it('refuses sqlite: without a path', () => {
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a file path/);
  });
});

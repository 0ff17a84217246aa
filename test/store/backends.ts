import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database of its own for one test: a URL any number of stores can open, and its removal. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  createDatabase(): Promise<TestDatabase>;
}

const sqlite: TestBackend = {
  name: 'sqlite',
  async createDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'selfhost-check-store-'));

    return {
      url: `sqlite:${join(dir, 'test.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/**
 * A fresh schema on the test database, named at random so parallel test files never meet; stores
 * reach it through the connection's search_path.
 */
function postgres(baseUrl: string): TestBackend {
  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();

    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  return {
    name: 'postgres',
    async createDatabase() {
      const schema = `store_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE SCHEMA ${schema}`));

      const url = new URL(baseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);

      return {
        url: url.toString(),
        drop: async () => {
          await admin((client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names one. */
export function testBackends(): TestBackend[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqlite, postgres(url)] : [sqlite];
}

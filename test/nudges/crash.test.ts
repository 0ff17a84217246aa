import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { type TestDatabase, testBackends } from '../store/backends.ts';
import { newAudit } from '../store/builders.ts';

const DUE_NUDGES = 200;
const LEASE_MS = 1_500;
const WORKER = new URL('./fixtures/dispatcher-worker.ts', import.meta.url).pathname;

describe.each(testBackends())('instances killed mid-delivery on $name', (backend) => {
  let database: TestDatabase;
  let dir: string;
  let postsFile: string;
  const workers: ChildProcess[] = [];

  function startWorker(owner: string): ChildProcess {
    const worker = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        OWNER: owner,
        POSTS_FILE: postsFile,
        LEASE_MS: String(LEASE_MS),
        POST_LATENCY_MS: '10',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    workers.push(worker);
    return worker;
  }

  function posts(): string[] {
    return existsSync(postsFile) ? readFileSync(postsFile, 'utf8').split('\n').filter(Boolean) : [];
  }

  async function stopGracefully(worker: ChildProcess): Promise<number | null> {
    const exited = once(worker, 'exit');
    worker.kill('SIGTERM');
    const [code] = await exited;
    return code as number | null;
  }

  beforeEach(async () => {
    database = await backend.createDatabase();
    dir = mkdtempSync(join(tmpdir(), 'selfhost-check-crash-'));
    postsFile = join(dir, 'posts.log');
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      worker.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('loses no nudge and posts at most one twice when one of two is SIGKILLed', async () => {
    const seeding = await openStore(database.url);
    const now = Date.now();
    for (let index = 0; index < DUE_NUDGES; index += 1) {
      await seeding.audits.create(newAudit({ nextNudgeAt: new Date(now - index) }));
    }

    const victim = startWorker('victim');
    startWorker('survivor');
    await expect.poll(() => posts().length >= 40, { timeout: 15_000, interval: 5 }).toBe(true);
    victim.kill('SIGKILL');
    await once(victim, 'exit');
    startWorker('victim-restarted');

    await expect
      .poll(() => new Set(posts()).size, { timeout: 15_000, interval: 50 })
      .toBe(DUE_NUDGES);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 500));
    const codes = await Promise.all(workers.slice(1).map(stopGracefully));

    const counts = new Map<string, number>();
    for (const id of posts()) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const twice = [...counts.values()].filter((count) => count > 1);
    const leased = await seeding.nudges.releaseLeases('survivor');

    expect(counts.size).toBe(DUE_NUDGES);
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect(codes).toEqual([0, 0]);
    expect(leased).toBe(0);
    await seeding.close();
  }, 60_000);
});

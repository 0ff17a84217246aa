import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NUDGE_CONCURRENCY } from '../../src/audits/reaudit-nudges.ts';
import { openStore } from '../../src/store/index.ts';
import { type TestDatabase, testBackends } from '../store/backends.ts';
import { newAudit } from '../store/builders.ts';
import { type AppProcess, kill, killAll, launchApp, terminate } from '../support/app-process.ts';
import { LoopbackSlack } from '../support/loopback-slack.ts';

const DUE_AUDITS = 200;
/** Killed once this many nudges are out: mid-delivery for both instances. */
const KILL_AFTER_POSTS = 40;
/** Short, so the killed instance's claims come back within the test. */
const LEASE = '3s';
/** The bound the README gives: the nudges a killed instance had under way at once. */
const DUPLICATES_PER_KILL = NUDGE_CONCURRENCY;

/** PostgreSQL, as several instances share it, when the machine has it; a SQLite file otherwise. */
const backend = testBackends().at(-1);

let slack: LoopbackSlack;
let database: TestDatabase;

async function seedDueAudits(url: string): Promise<string[]> {
  const store = await openStore(url);
  const due = new Date(Date.now() - 60_000);
  const threads: string[] = [];
  for (let index = 0; index < DUE_AUDITS; index += 1) {
    const threadTs = `1764500000.${String(index).padStart(6, '0')}`;
    await store.audits.create(
      newAudit({ channelId: `C${String(index).padStart(4, '0')}`, threadTs, nextNudgeAt: due }),
    );
    threads.push(threadTs);
  }
  await store.close();
  return threads;
}

/** Nudge posts (broadcast into a thread) per thread. */
function postsPerThread(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    if (!('reply_broadcast' in call.args)) continue;
    const thread = String(call.args.thread_ts);
    counts.set(thread, (counts.get(thread) ?? 0) + 1);
  }
  return counts;
}

function launch(): Promise<AppProcess> {
  return launchApp({
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: database.url,
    REAUDIT_AFTER: '90d',
    NUDGE_LEASE: LEASE,
  });
}

beforeEach(async () => {
  slack = await LoopbackSlack.start();
  database = await (backend ?? testBackends()[0])!.createDatabase();
});

afterEach(async () => {
  killAll();
  await slack.close();
  await database.drop();
});

describe(`two app instances on one ${backend?.name} database, one killed mid-delivery`, () => {
  it('loses no nudge, and repeats at most those the killed instance had under way', async () => {
    const threads = await seedDueAudits(database.url);
    const [first, second] = await Promise.all([launch(), launch()]);

    const sent = () => [...postsPerThread().values()].reduce((sum, count) => sum + count, 0);
    await expect
      .poll(sent, { timeout: 60_000, interval: 20 })
      .toBeGreaterThanOrEqual(KILL_AFTER_POSTS);
    await kill(first);
    const restarted = await launch();

    await expect
      .poll(() => postsPerThread().size, { timeout: 90_000, interval: 100 })
      .toBe(DUE_AUDITS);
    expect(await terminate(second)).toBe(0);
    expect(await terminate(restarted)).toBe(0);

    const counts = postsPerThread();
    expect(threads.filter((thread) => !counts.has(thread))).toEqual([]);
    const repeated = [...counts.values()].filter((count) => count > 1);
    expect(repeated.length).toBeLessThanOrEqual(DUPLICATES_PER_KILL);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(1 + DUPLICATES_PER_KILL);

    const store = await openStore(database.url);
    const left = await store.nudges.claimDue({
      owner: 'checker',
      now: new Date(),
      leaseUntil: new Date(Date.now() + 1_000),
      limit: DUE_AUDITS,
    });
    await store.close();
    expect(left).toEqual([]);
  }, 180_000);
});

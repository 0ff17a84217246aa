import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../src/engine/report.ts';
import { summarize } from '../src/engine/report-summary.ts';
import { referenceWorkload } from '../src/engine/workload.ts';
import { openStore } from '../src/store/index.ts';
import { startAppProcess } from './processes.ts';
import type { SlackDouble } from './slack-double.ts';
import { leastPostingSeconds, SLACK_LIMITS } from './slack-limits.ts';
import { sleep } from './stats.ts';

/**
 * Nudges due now, delivered by the app itself: a SQLite store seeded with audits whose re-audit
 * is due, then the real app started on it (its dispatcher and its re-audit delivery: the
 * re-run, the post into the thread, the chart), against the Slack double and its limits.
 */

export interface NudgeOptions {
  nudges: number;
  channels: number;
  /** Stops waiting for the last deliveries after this long. */
  timeoutMs: number;
}

export interface NudgeRun {
  delivered: number;
  /** From the first nudge posted to the last. */
  seconds: number;
  perSecond: number;
  allowedPerSecond: number;
  duplicates: number;
  postsRefused: number;
  charts: number;
  chartsRefused: number;
  /** Seconds from starting the app to its first nudge. */
  startSeconds: number;
}

const TEAM = { teamId: 'T0001', enterpriseId: null };
const REAUDIT_AFTER_MS = 90 * 24 * 3_600_000;

function shuffled<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

/** As many audits in each channel, in random order, each due within the last minute. */
async function seed(databasePath: string, options: NudgeOptions): Promise<number[]> {
  const store = await openStore(`sqlite:${databasePath}`);
  const now = new Date();
  const summary = summarize(buildReport(referenceWorkload, now));
  const channels = Array.from({ length: options.nudges }, (_, index) => index % options.channels);

  for (const [index, channel] of shuffled(channels).entries()) {
    await store.audits.create({
      scope: TEAM,
      channelId: `CN${channel}`,
      threadTs: `1764579600.${String(index).padStart(6, '0')}`,
      userId: 'U0001',
      workload: referenceWorkload,
      summary,
      catalogAsOf: summary.catalogAsOf,
      createdAt: new Date(now.getTime() - REAUDIT_AFTER_MS),
      nextNudgeAt: new Date(now.getTime() - Math.random() * 60_000),
    });
  }
  await store.close();

  const perChannel = new Array<number>(options.channels).fill(0);
  for (const channel of channels) perChannel[channel] = (perChannel[channel] ?? 0) + 1;
  return perChannel;
}

/** Seeds the store, starts the app on it and measures how fast its nudges reach Slack. */
export async function deliverNudges(double: SlackDouble, options: NudgeOptions): Promise<NudgeRun> {
  const folder = mkdtempSync(join(tmpdir(), 'selfhost-check-bench-'));
  const databasePath = join(folder, 'nudges.db');
  const perChannel = await seed(databasePath, options);
  double.reset();
  double.limits = SLACK_LIMITS;

  const posts: number[] = [];
  const stopWatching = double.onCall((call) => {
    const nudge = call.method === 'chat.postMessage' && call.threadTs !== undefined;
    if (nudge && call.status === 200) posts.push(call.at);
  });
  const started = performance.now();
  const app = await startAppProcess('real', double.apiUrl, databasePath);
  while (posts.length < options.nudges && performance.now() - started < options.timeoutMs) {
    await sleep(100);
  }
  await app.stop();
  stopWatching();
  rmSync(folder, { recursive: true, force: true });

  const first = posts[0] ?? started;
  const seconds = ((posts.at(-1) ?? first) - first) / 1000;
  const stats = double.stats();
  return {
    delivered: posts.length,
    seconds,
    perSecond: posts.length > 1 ? (posts.length - 1) / seconds : 0,
    allowedPerSecond: options.nudges / leastPostingSeconds(perChannel, SLACK_LIMITS),
    duplicates: stats.duplicates,
    postsRefused: stats.rateLimited['chat.postMessage'] ?? 0,
    charts: stats.calls['files.completeUploadExternal'] ?? 0,
    chartsRefused: stats.rateLimited['files.getUploadURLExternal'] ?? 0,
    startSeconds: (first - started) / 1000,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { buildReport } from '../src/engine/report.ts';
import { summarize } from '../src/engine/report-summary.ts';
import { referenceWorkload } from '../src/engine/workload.ts';
import { slackErrorCode } from '../src/handlers/answer-delivery.ts';
import {
  createNudgeDispatcher,
  DELIVERED,
  type DeliverNudge,
  failedDelivery,
  newDispatcherOwner,
} from '../src/nudges/index.ts';
import { type Logger, openStore, type Store } from '../src/store/index.ts';
import { BOT_TOKEN } from '../test/support/slash-command.ts';
import type { SlackDouble } from './slack-double.ts';
import { leastPostingSeconds } from './slack-limits.ts';
import { sleep } from './stats.ts';

/**
 * Nudges due now in a SQLite store, delivered by the real dispatcher into each audit's thread on
 * the Slack double. The app's own nudge delivery is not on main yet: the stand-in here posts one
 * chat.postMessage into the audit's thread through Slack's WebClient, as the app's client would.
 */

export interface NudgeOptions {
  nudges: number;
  channels: number;
  batchSize: number;
  /** Gives up waiting for the last deliveries after this long. */
  timeoutMs: number;
}

export interface NudgeRun {
  delivered: number;
  seconds: number;
  perSecond: number;
  allowedPerSecond: number;
  duplicates: number;
  rateLimited: number;
  retried: number;
}

const NUDGE_TEXT = 'Time to re-audit this workload: prices and volumes may have moved.';
const REAUDIT_AFTER_MS = 90 * 24 * 3_600_000;
const LEASE_MS = 60_000;
// The app's own client settings (src/app.ts): two retries, not half an hour of them.
const RETRY = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 };

function shuffled<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

/** `nudges` audits over `channels` channels, as many in each, due within the last minute. */
async function seed(store: Store, options: NudgeOptions, now: Date): Promise<number[]> {
  const summary = summarize(buildReport(referenceWorkload, now));
  const channels = Array.from({ length: options.nudges }, (_, index) => index % options.channels);

  for (const [index, channel] of shuffled(channels).entries()) {
    await store.audits.create({
      scope: { teamId: 'T0001', enterpriseId: null },
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

  const perChannel = new Array<number>(options.channels).fill(0);
  for (const channel of channels) perChannel[channel] = (perChannel[channel] ?? 0) + 1;
  return perChannel;
}

function postIntoThread(apiUrl: string): DeliverNudge {
  const client = new webApi.WebClient(BOT_TOKEN, {
    slackApiUrl: apiUrl,
    retryConfig: RETRY,
    logLevel: webApi.LogLevel.ERROR,
  });
  return async (audit) => {
    if (audit.threadTs === null) return failedDelivery('no_thread');
    try {
      await client.chat.postMessage({
        channel: audit.channelId,
        thread_ts: audit.threadTs,
        text: NUDGE_TEXT,
      });
      return DELIVERED;
    } catch (error) {
      return failedDelivery(slackErrorCode(error));
    }
  };
}

function countingLogger(counts: Record<string, number>): Logger {
  const at = (level: string) => () => {
    counts[level] = (counts[level] ?? 0) + 1;
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Seeds the store, runs one dispatcher until every nudge is delivered, and measures the rate. */
export async function deliverNudges(double: SlackDouble, options: NudgeOptions): Promise<NudgeRun> {
  const folder = mkdtempSync(join(tmpdir(), 'selfhost-check-bench-'));
  const store = await openStore(`sqlite:${join(folder, 'nudges.db')}`);
  const perChannel = await seed(store, options, new Date());
  double.reset();

  let delivered = 0;
  const deliver = postIntoThread(double.apiUrl);
  const logs: Record<string, number> = {};
  const dispatcher = createNudgeDispatcher({
    store,
    clock: () => new Date(),
    owner: newDispatcherOwner(),
    leaseMs: LEASE_MS,
    batchSize: options.batchSize,
    reauditAfterMs: REAUDIT_AFTER_MS,
    pollIntervalMs: 100,
    logger: countingLogger(logs),
    deliver: async (audit, context) => {
      const outcome = await deliver(audit, context);
      if (outcome.ok) delivered += 1;
      return outcome;
    },
  });

  const started = performance.now();
  let lastPost = started;
  const stopWatching = double.onCall((call) => {
    if (call.method === 'chat.postMessage' && call.status === 200) lastPost = call.at;
  });
  dispatcher.start();
  while (delivered < options.nudges && performance.now() - started < options.timeoutMs) {
    await sleep(50);
  }
  await dispatcher.stop();
  stopWatching();
  await store.close();
  rmSync(folder, { recursive: true, force: true });

  const seconds = (lastPost - started) / 1000;
  const stats = double.stats();
  return {
    delivered,
    seconds,
    perSecond: delivered / seconds,
    allowedPerSecond: options.nudges / leastPostingSeconds(perChannel, double.limits),
    duplicates: stats.duplicates,
    rateLimited: stats.rateLimited['chat.postMessage'] ?? 0,
    retried: logs.warn ?? 0,
  };
}

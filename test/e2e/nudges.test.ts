import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.ts';
import { ACTION_IDS } from '../../src/blocks/action-ids.ts';
import {
  AUDIT_NOT_FOUND,
  NUDGE_EARLY_REASON,
  NUDGE_NOTHING_MOVED,
  NUDGE_TITLE,
  NUDGE_TITLE_EARLY,
  REMINDERS_STOPPED,
  STOP_NOT_ALLOWED,
  STOP_REASONS,
} from '../../src/blocks/texts.ts';
import { createCrossoverChartRenderer } from '../../src/chart/crossover-chart.ts';
import { catalogAsOf } from '../../src/engine/catalog/index.ts';
import { DEFAULT_BACKOFF } from '../../src/nudges/index.ts';
import {
  type Audit,
  openStore,
  SNOOZE_MS,
  STOPPED_BY_USER,
  type Store,
} from '../../src/store/index.ts';
import { fakeClock } from '../nudges/fakes.ts';
import { newAudit, OTHER_TEAM, summary } from '../store/builders.ts';
import { buttonClickBody } from '../support/block-action.ts';
import { messageProblems } from '../support/block-limits.ts';
import { type CapturedLogs, captureLogs } from '../support/captured-logs.ts';
import { allowOnlyApp, FakeSlack, gate, resetNetwork } from '../support/fake-slack.ts';
import { BOT_TOKEN, commandBody, SIGNING_SECRET, sendCommand } from '../support/slash-command.ts';

const NOW = new Date('2026-12-01T09:00:00Z');
const REAUDIT_AFTER_MS = 5_000;
const WORKLOAD =
  '1.5M requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, 80% cache';
const PARENT_TS = '1764579600.000100';
const NUDGE_TS = '1764579605.000100';
const SLACK_DEADLINE_MS = 3_000;
const TEAM = { teamId: 'T0001', enterpriseId: null };

const chart = createCrossoverChartRenderer();

let slack: FakeSlack;
let logs: CapturedLogs;
let clock: ReturnType<typeof fakeClock>;
let dir: string;
let store: Store;
let running: RunningApp | undefined;

async function start(appStore: Store = store): Promise<number> {
  slack.method('auth.test', { user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0001' });
  running = await startApp({
    config: {
      botToken: BOT_TOKEN,
      connection: { mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
      slackApiUrl: slack.apiUrl,
      logLevel: 'debug',
      reauditAfterMs: REAUDIT_AFTER_MS,
      slackCallTimeoutMs: 5_000,
    },
    logger: logs.logger,
    store: appStore,
    now: clock.now,
    chart,
  });
  const port = running.port ?? 0;
  allowOnlyApp(port);
  return port;
}

async function stop(): Promise<void> {
  await running?.stop();
  running = undefined;
}

function port(): number {
  return running?.port ?? 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The only audit thread of the channel, once the answer has recorded its thread. */
async function answered(): Promise<Audit> {
  slack
    .method('chat.postMessage', { channel: 'C0001', ts: PARENT_TS })
    .method('chat.postMessage', { channel: 'C0001', ts: '1764579600.000200' })
    .upload();

  const response = await sendCommand(
    port(),
    commandBody({ text: WORKLOAD, responseUrl: slack.responseUrl }),
  );
  expect(response.status).toBe(200);

  await expect.poll(() => slack.callsTo('files.completeUploadExternal').length).toBe(1);
  await expect.poll(async () => (await rootAudit())?.threadTs).toBe(PARENT_TS);
  return (await rootAudit()) as Audit;
}

async function rootAudit(): Promise<Audit | undefined> {
  const [thread] = await store.audits.listByChannel(TEAM, 'C0001');
  return thread?.audit;
}

function expectNudge(): void {
  slack.method('chat.postMessage', { channel: 'C0001', ts: NUDGE_TS }).upload('F0CHART02');
}

/** Posts that carry reply_broadcast: the nudges, never the answers. */
function nudgePosts() {
  return slack.callsTo('chat.postMessage').filter((call) => 'reply_broadcast' in call.args);
}

/** One Web API call answered with an HTTP status instead of Slack's JSON. */
function click(actionId: string, value: string, userId = 'U0001'): Promise<Response> {
  const body = buttonClickBody({ actionId, value, userId, responseUrl: slack.responseUrl });
  return sendCommand(port(), body);
}

async function reply(index = 0): Promise<Record<string, unknown>> {
  await expect.poll(() => slack.callsTo('respond').length).toBeGreaterThan(index);
  return slack.callsTo('respond')[index]?.args ?? {};
}

function seeded(overrides: Parameters<typeof newAudit>[0] = {}): Promise<Audit> {
  return store.audits.create(
    newAudit({
      threadTs: PARENT_TS,
      createdAt: NOW,
      catalogAsOf: catalogAsOf(),
      summary: summary({ catalogAsOf: catalogAsOf() }),
      nextNudgeAt: new Date(NOW.getTime() + 90 * 86_400_000),
      ...overrides,
    }),
  );
}

beforeEach(async () => {
  slack = await FakeSlack.start();
  logs = captureLogs('debug', [BOT_TOKEN, SIGNING_SECRET]);
  resetNetwork();
  clock = fakeClock(NOW);
  dir = mkdtempSync(join(tmpdir(), 'selfhost-check-nudges-'));
  store = await openStore(`sqlite:${join(dir, 'audits.db')}`);
});

afterEach(async () => {
  await stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  expect(slack.contractProblems()).toEqual([]);
  resetNetwork();
});

afterAll(() => {
  resetNetwork();
});

describe('re-audit nudges', () => {
  it('posts the nudge in the audit thread and to the channel, then the chart into the thread', async () => {
    await start();
    const audit = await answered();
    expectNudge();

    clock.advance(REAUDIT_AFTER_MS);
    await expect.poll(() => slack.callsTo('files.completeUploadExternal').length).toBe(2);

    expect(slack.sequence().slice(-4)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [nudge] = nudgePosts();
    expect(nudge?.args).toMatchObject({
      channel: 'C0001',
      thread_ts: PARENT_TS,
      reply_broadcast: 'true',
    });
    const blocks = JSON.parse(String(nudge?.args.blocks)) as unknown[];
    expect(messageProblems({ text: String(nudge?.args.text), blocks })).toEqual([]);
    const shown = JSON.stringify(blocks);
    expect(shown).toContain(NUDGE_TITLE);
    expect(shown).toContain(NUDGE_NOTHING_MOVED);
    expect(shown).toContain(`"value":"${audit.id}"`);
    const complete = slack.callsTo('files.completeUploadExternal')[1];
    expect(complete?.args).toMatchObject({ channel_id: 'C0001', thread_ts: PARENT_TS });
    expect(slack.pending()).toEqual([]);
  });

  it('stores the re-audit and schedules the next nudge from the delivery', async () => {
    await start();
    const audit = await answered();
    expectNudge();

    clock.advance(REAUDIT_AFTER_MS);
    await expect.poll(async () => (await rootAudit())?.nudgesDelivered).toBe(1);

    const history = await store.audits.history(TEAM, audit.id);
    expect(history.map((run) => run.repeatsAuditId)).toEqual([null, audit.id]);
    expect(await rootAudit()).toMatchObject({
      nextNudgeAt: new Date(NOW.getTime() + 2 * REAUDIT_AFTER_MS),
      nudgeAttempts: 0,
      stoppedReason: null,
    });
    const delivered = logs.records().find((record) => record.msg === 'nudge delivered');
    expect(delivered).toMatchObject({ level: 'info', auditId: audit.id });
    expect(logs.lines.join('\n')).not.toContain(BOT_TOKEN);
  });

  it('says what a newer catalog changed, early, and only once across a restart', async () => {
    const old = '2026-01-01';
    const audit = await seeded({
      catalogAsOf: old,
      summary: summary({ band: 'self-host', catalogAsOf: old, crossoverLoaded: 300_000 }),
    });
    expectNudge();

    await start();
    await expect.poll(() => nudgePosts().length).toBe(1);
    await expect.poll(async () => (await rootAudit())?.nudgesDelivered).toBe(1);
    await stop();
    await start();
    await sleep(1_000);

    const shown = String(nudgePosts()[0]?.args.blocks);
    expect(shown).toContain(NUDGE_TITLE_EARLY);
    expect(shown).toContain(NUDGE_EARLY_REASON);
    expect(shown).toContain('band: self-host → evaluate');
    expect(shown).toContain(`catalog: ${old} → ${catalogAsOf()}`);
    expect(nudgePosts()).toHaveLength(1);
    const marked = logs.records().filter((record) => record.msg === 'early nudges marked');
    expect(marked.map((record) => [record.checked, record.marked])).toEqual([
      [1, 1],
      [0, 0],
    ]);
    expect((await rootAudit())?.id).toBe(audit.id);
  });
});

describe('nudge delivery failures', () => {
  it('stops the audit on a permanent Slack error, logs its code at error, and list says why', async () => {
    await start();
    await answered();
    slack.failing('chat.postMessage', 'is_archived');

    clock.advance(REAUDIT_AFTER_MS);
    await expect.poll(async () => (await rootAudit())?.stoppedReason).toBe('is_archived');

    const stopped = logs.records().find((record) => record.msg === 'nudges stopped for good');
    expect(stopped).toMatchObject({ level: 'error', code: 'is_archived' });
    clock.advance(30 * 86_400_000);
    await sleep(1_000);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);

    slack.respond();
    await sendCommand(port(), commandBody({ text: 'list', responseUrl: slack.responseUrl }));
    const list = await reply();
    expect(list.response_type).toBe('ephemeral');
    expect(JSON.stringify(list.blocks)).toContain(STOP_REASONS.is_archived);
  });

  it.each([
    [500, 'http_500'],
    [429, 'ratelimited'],
  ])('retries a nudge after HTTP %i and delivers it later, once', async (status, code) => {
    await start();
    await answered();
    slack.httpError('chat.postMessage', status, status === 429 ? { 'Retry-After': '30' } : {});

    clock.advance(REAUDIT_AFTER_MS);
    await expect.poll(async () => (await rootAudit())?.lastError).toBe(code);

    const retry = logs
      .records()
      .find((record) => record.msg === 'nudge delivery failed; will retry');
    expect(retry).toMatchObject({ level: 'warn', code, attempt: 1 });
    expectNudge();
    clock.advance(DEFAULT_BACKOFF.baseMs);
    await expect.poll(async () => (await rootAudit())?.nudgesDelivered).toBe(1);

    expect(nudgePosts()).toHaveLength(2);
    expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(2);
    expect(await rootAudit()).toMatchObject({ nudgeAttempts: 0, lastError: null });
  });
});

describe('a failing store', () => {
  it('is logged at error while the app keeps answering, and stops cleanly', async () => {
    const down = () => Promise.reject(new Error('database is down'));
    const failing: Store = {
      ...store,
      nudges: { ...store.nudges, claimDue: down, listUnmarkedForCatalog: down },
    };
    await start(failing);
    await expect
      .poll(() => logs.records().some((record) => record.msg === 'nudge tick failed'))
      .toBe(true);

    const audit = await answered();
    await stop();

    const errors = logs.records().filter((record) => record.level === 'error');
    expect([...new Set(errors.map((record) => record.msg))]).toEqual([
      'early nudges not marked',
      'nudge tick failed',
    ]);
    expect(audit.threadTs).toBe(PARENT_TS);
  });
});

describe('nudge buttons', () => {
  it('snooze moves the next nudge 14 days on and says when, to the clicker only', async () => {
    const audit = await seeded();
    await start();
    slack.respond();

    const response = await click(ACTION_IDS.snooze, audit.id);

    expect(response.status).toBe(200);
    const said = await reply();
    expect(said).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(said.text)).toContain('Snoozed');
    expect((await store.audits.get(TEAM, audit.id))?.nextNudgeAt).toEqual(
      new Date(NOW.getTime() + SNOOZE_MS),
    );
  });

  it('stop by the audit author stops its reminders for good', async () => {
    const audit = await seeded();
    await start();
    slack.respond();

    await click(ACTION_IDS.stopReminders, audit.id, 'U0001');

    expect((await reply()).text).toBe(REMINDERS_STOPPED);
    expect(await store.audits.get(TEAM, audit.id)).toMatchObject({
      remindersEnabled: false,
      stoppedReason: STOPPED_BY_USER,
    });
    expect(slack.callsTo('users.info')).toEqual([]);
  });

  it('stop by someone else who is no admin gets the reason and changes nothing', async () => {
    const audit = await seeded();
    await start();
    slack.method('users.info', { user: { id: 'U0002', is_admin: false, is_owner: false } });
    slack.respond();

    await click(ACTION_IDS.stopReminders, audit.id, 'U0002');

    expect((await reply()).text).toBe(STOP_NOT_ALLOWED);
    expect(slack.callsTo('users.info')[0]?.args).toMatchObject({ user: 'U0002' });
    expect(await store.audits.get(TEAM, audit.id)).toEqual(audit);
  });

  it('stop by a workspace admin works', async () => {
    const audit = await seeded();
    await start();
    slack.method('users.info', { user: { id: 'U0009', is_admin: true, is_owner: false } });
    slack.respond();

    await click(ACTION_IDS.stopReminders, audit.id, 'U0009');

    expect((await reply()).text).toBe(REMINDERS_STOPPED);
    expect((await store.audits.get(TEAM, audit.id))?.stoppedReason).toBe(STOPPED_BY_USER);
  });

  it.each([
    ['snooze', ACTION_IDS.snooze],
    ['stop', ACTION_IDS.stopReminders],
  ])("%s on another team's audit changes nothing", async (_name, actionId) => {
    const theirs = await seeded({ scope: OTHER_TEAM });
    await start();
    slack.respond();

    await click(actionId, theirs.id);

    expect((await reply()).text).toBe(AUDIT_NOT_FOUND);
    expect(await store.audits.get(OTHER_TEAM, theirs.id)).toEqual(theirs);
  });
});

/** The app's store, with every audit read waiting for the gate: the slow work a listener does. */
function heldStore(held: Promise<void>): Store {
  const audits = store.audits;
  return {
    ...store,
    audits: {
      ...audits,
      getThread: async (...args) => held.then(() => audits.getThread(...args)),
      listByChannel: async (...args) => held.then(() => audits.listByChannel(...args)),
    },
  };
}

describe('acknowledging', () => {
  it.each([
    ['snooze', (id: string) => click(ACTION_IDS.snooze, id)],
    ['stop by the author', (id: string) => click(ACTION_IDS.stopReminders, id)],
    ['stop by someone else', (id: string) => click(ACTION_IDS.stopReminders, id, 'U0002')],
    [
      'list',
      () => sendCommand(port(), commandBody({ text: 'list', responseUrl: slack.responseUrl })),
    ],
  ])('acks %s within Slack deadline while the store is still held', async (_name, send) => {
    const audit = await seeded();
    const store = gate();
    await start(heldStore(store.closed));
    slack.method('users.info', { user: { id: 'U0002', is_admin: false } });
    slack.respond();

    const started = Date.now();
    const response = await send(audit.id);

    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(SLACK_DEADLINE_MS);
    expect(slack.callsTo('respond')).toEqual([]);
    store.open();
    expect((await reply()).response_type).toBe('ephemeral');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { type AppProcess, killAll, launchApp, logged, terminate } from '../support/app-process.ts';
import { LoopbackSlack } from '../support/loopback-slack.ts';
import { BOT_TOKEN, commandBody, SIGNING_SECRET, sendCommand } from '../support/slash-command.ts';

const WORKLOAD = '1.5M requests/month, 4k system, 8k tools, 2k output, 80% cache';
const TEAM = { teamId: 'T0001' };
/** The loopback Slack numbers its posts: the answer's parent is the first. */
const PARENT_TS = '1764579600.000001';
/** Several polls of a dispatcher started with REAUDIT_AFTER=5s (it polls every half second). */
const QUIET_MS = 1_500;

let slack: LoopbackSlack;
let dir: string;
let databaseUrl: string;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `npm start` as an operator runs it, on loopback, with a 5-second re-audit. */
function launch(): Promise<AppProcess> {
  return launchApp({ SLACK_API_URL: slack.apiUrl, DATABASE_URL: databaseUrl, REAUDIT_AFTER: '5s' });
}

function nudgePosts() {
  return slack.callsTo('chat.postMessage').filter((call) => 'reply_broadcast' in call.args);
}

beforeEach(async () => {
  slack = await LoopbackSlack.start();
  dir = mkdtempSync(join(tmpdir(), 'selfhost-check-restart-'));
  databaseUrl = `sqlite:${join(dir, 'audits.db')}`;
});

afterEach(async () => {
  killAll();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start with REAUDIT_AFTER=5s and a SQLite file', () => {
  it('answers, stops before the nudge is due, and once restarted posts it once in the thread', async () => {
    const first = await launch();
    const body = commandBody({ text: WORKLOAD, responseUrl: slack.responseUrl });
    expect((await sendCommand(first.port, body)).status).toBe(200);
    await expect.poll(() => logged(first, 'answer delivered'), { timeout: 10_000 }).toBe(true);
    expect(await terminate(first)).toBe(0);
    const stoppedAt = Date.now();

    const reader = await openStore(databaseUrl);
    const [thread] = await reader.audits.listByChannel(TEAM, 'C0001');
    await reader.close();
    expect(thread?.audit.threadTs).toBe(PARENT_TS);
    expect(stoppedAt).toBeLessThan(thread?.audit.nextNudgeAt?.getTime() ?? 0);
    expect(nudgePosts()).toEqual([]);

    const second = await launch();
    await expect.poll(() => nudgePosts().length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => slack.callsTo('files.completeUploadExternal').length).toBe(2);
    await sleep(QUIET_MS);
    expect(await terminate(second)).toBe(0);

    expect(nudgePosts()).toHaveLength(1);
    expect(nudgePosts()[0]?.args).toMatchObject({
      channel: 'C0001',
      thread_ts: PARENT_TS,
      reply_broadcast: 'true',
    });
    expect(slack.callsTo('files.completeUploadExternal')[1]?.args).toMatchObject({
      channel_id: 'C0001',
      thread_ts: PARENT_TS,
    });
    expect(slack.contractProblems()).toEqual([]);
    const output = [...first.lines, ...second.lines].join('\n');
    expect(output).not.toContain(BOT_TOKEN);
    expect(output).not.toContain(SIGNING_SECRET);
  }, 60_000);
});

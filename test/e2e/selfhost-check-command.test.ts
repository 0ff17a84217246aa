import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import {
  chartMissing,
  HELP_TITLE,
  NOT_IN_CHANNEL,
  PARSE_ERROR_TITLE,
  WORKLOAD_PROBLEM_TITLE,
} from '../../src/blocks/texts.ts';
import type { Store } from '../../src/store/index.ts';
import { messageProblems } from '../support/block-limits.ts';
import type { CapturedLogs } from '../support/captured-logs.ts';
import { type FakeSlack, gate, resetNetwork } from '../support/fake-slack.ts';
import {
  BOT_TOKEN,
  commandBody,
  SIGNING_SECRET,
  sendCommand,
  sign,
} from '../support/slash-command.ts';
import { startTestApp, TEST_REAUDIT_DUE, type TestApp, until } from '../support/test-app.ts';

const WORKLOAD =
  '1.5M requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, 80% cache';
const PARENT_TS = '1764579600.000100';
const REAUDIT_DUE = TEST_REAUDIT_DUE;
const PNG_SIGNATURE_HEX = '89504e470d0a1a0a';

let app: TestApp;
let slack: FakeSlack;
let logs: CapturedLogs;
let running: RunningApp;
let store: Store;

function command(text: string): string {
  return commandBody({ text, responseUrl: slack.responseUrl });
}

/** Sends the command, checks it is acked while the ephemeral reply is still held, then replies. */
async function ephemeralReplyTo(text: string): Promise<Record<string, unknown>> {
  const reply = gate();
  slack.respond({ hold: reply.closed });

  const response = await sendCommand(running.port ?? 0, command(text));
  expect(response.status).toBe(200);

  reply.open();
  await until(() => slack.callsTo('respond').length === 1, 'the reply');
  return slack.callsTo('respond')[0]?.args ?? {};
}

function expectAnswer() {
  slack
    .method('chat.postMessage', { channel: 'C0001', ts: PARENT_TS })
    .method('chat.postMessage', { channel: 'C0001', ts: '1764579600.000200' })
    .upload();
}

beforeEach(async () => {
  app = await startTestApp();
  ({ slack, logs, running, store } = app);
});

afterEach(async () => {
  await app.stop();
  expect(slack.contractProblems()).toEqual([]);
});

afterAll(() => {
  resetNetwork();
});

describe('/selfhost-check over HTTP', () => {
  it('posts the parent, the figures in its thread, then uploads the chart into that thread', async () => {
    expectAnswer();

    const response = await sendCommand(running.port ?? 0, command(WORKLOAD));
    expect(response.status).toBe(200);
    await until(() => slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');

    expect(slack.sequence()).toEqual([
      'auth.test',
      'chat.postMessage',
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [parent, thread] = slack.callsTo('chat.postMessage');
    expect(parent?.args.channel).toBe('C0001');
    expect(parent?.args.thread_ts).toBeUndefined();
    expect(thread?.args).toMatchObject({ channel: 'C0001', thread_ts: PARENT_TS });

    await expect
      .poll(async () => {
        const [stored] = await store.audits.listByChannel({ teamId: 'T0001' }, 'C0001');
        return stored?.audit;
      })
      .toMatchObject({
        threadTs: PARENT_TS,
        userId: 'U0001',
        nextNudgeAt: REAUDIT_DUE,
        stoppedReason: null,
      });

    const [complete] = slack.callsTo('files.completeUploadExternal');
    expect(complete?.args).toMatchObject({ channel_id: 'C0001', thread_ts: PARENT_TS });
    const [getUrl] = slack.callsTo('files.getUploadURLExternal');
    const [upload] = slack.callsTo('upload');
    expect(Number(getUrl?.args.length)).toBeGreaterThan(10_000);
    // The multipart body carries the PNG whole: its signature and at least its length.
    expect(upload?.raw).toContain(PNG_SIGNATURE_HEX);
    expect(upload?.bytes).toBeGreaterThanOrEqual(Number(getUrl?.args.length));
    expect(slack.pending()).toEqual([]);
  });

  it('sends messages within Block Kit limits, the thread naming the re-audit date', async () => {
    expectAnswer();

    await sendCommand(running.port ?? 0, command(WORKLOAD));
    await until(() => slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');

    for (const call of slack.callsTo('chat.postMessage')) {
      const blocks = JSON.parse(String(call.args.blocks)) as unknown[];
      expect(messageProblems({ text: String(call.args.text), blocks })).toEqual([]);
    }
    const thread = slack.callsTo('chat.postMessage')[1];
    const epoch = REAUDIT_DUE.getTime() / 1000;
    expect(String(thread?.args.blocks)).toContain(
      `Re-audit due <!date^${epoch}^{date_long}|2027-03-01>`,
    );
  });

  it('acks the command while Slack still holds its answer to the first post', async () => {
    const parentReply = gate();
    slack.method(
      'chat.postMessage',
      { channel: 'C0001', ts: PARENT_TS },
      { hold: parentReply.closed },
    );
    slack.method('chat.postMessage', { ts: '1764579600.000200' }).upload();

    const response = await sendCommand(running.port ?? 0, command(WORKLOAD));

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await until(() => slack.callsTo('chat.postMessage').length === 1, 'the parent post');
    expect(slack.sequence()).toEqual(['auth.test', 'chat.postMessage']);

    parentReply.open();
    await until(() => slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');
    expect(slack.pending()).toEqual([]);
  });

  it('logs the delivered answer without any token or the signing secret', async () => {
    expectAnswer();

    await sendCommand(running.port ?? 0, command(WORKLOAD));
    await until(() => logs.lines.some((line) => line.includes('answer delivered')), 'the log');

    const delivered = logs.records().find((record) => record.msg === 'answer delivered');
    expect(delivered).toMatchObject({ level: 'info', channel: 'C0001', band: 'evaluate' });
    const all = logs.lines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toMatch(/xox[abpr]-\d/);
  });
});

describe('/selfhost-check replies only to the person who typed it', () => {
  it('shows the usage, every key and an example for help', async () => {
    slack.method('chat.postMessage');

    const reply = await ephemeralReplyTo('help');

    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain(HELP_TITLE);
    expect(JSON.stringify(reply.blocks)).toContain('requests-per-month');
    expect(messageProblems(reply as { text: string; blocks: unknown[] })).toEqual([]);
    expect(slack.sequence()).toEqual(['auth.test', 'respond']);
    expect(slack.pending()).toEqual([expect.stringContaining('/api/chat.postMessage')]);
  });

  it('names the part it could not read and posts nothing in the channel', async () => {
    slack.method('chat.postMessage');

    const reply = await ephemeralReplyTo('1.5M requests/month, lots of <!channel> tokens');
    const shown = JSON.stringify(reply.blocks);
    expect(reply.response_type).toBe('ephemeral');
    expect(shown).toContain(PARSE_ERROR_TITLE);
    expect(shown).toContain('lots of');
    expect(shown).not.toContain('<!channel>');
    expect(slack.sequence()).toEqual(['auth.test', 'respond']);
  });

  it('says why a workload it read cannot be evaluated, and posts nothing', async () => {
    slack.method('chat.postMessage');

    const reply = await ephemeralReplyTo('1.5M requests/month, gpus-per-replica=1');

    expect(reply.text).toContain(WORKLOAD_PROBLEM_TITLE);
    expect(reply.text).toContain('does not fit');
    expect(slack.sequence()).toEqual(['auth.test', 'respond']);
  });

  it('says how to invite the bot when it is not in the channel', async () => {
    slack.failing('chat.postMessage', 'not_in_channel');

    const reply = await ephemeralReplyTo(WORKLOAD);

    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe(NOT_IN_CHANNEL);
    expect(reply.text).toContain('/invite @selfhost-check');
    expect(slack.sequence()).toEqual(['auth.test', 'chat.postMessage', 'respond']);
    await expect
      .poll(async () => {
        const [thread] = await store.audits.listByChannel({ teamId: 'T0001' }, 'C0001');
        return thread?.audit;
      })
      .toMatchObject({
        threadTs: null,
        stoppedReason: 'answer_not_posted:not_in_channel',
      });
  });

  it('says which step failed and logs Slack error code at error level', async () => {
    slack.method('chat.postMessage', { ts: PARENT_TS });
    slack.failing('chat.postMessage', 'msg_too_long');

    const reply = await ephemeralReplyTo(WORKLOAD);

    expect(reply.text).toContain('posting the figures in the thread');
    expect(reply.text).toContain('msg_too_long');
    const failure = logs.records().find((record) => record.msg === 'answer delivery failed');
    expect(failure).toMatchObject({ level: 'error', step: 'thread', slackError: 'msg_too_long' });
  });

  it('still answers, as text saying the chart is missing, when Slack refuses the upload', async () => {
    slack.method('chat.postMessage', { ts: PARENT_TS });
    slack.method('chat.postMessage', { ts: '1764579600.000200' });
    slack.failing('files.getUploadURLExternal', 'invalid_arguments');
    slack.method('chat.postMessage', { ts: '1764579600.000300' });

    const response = await sendCommand(running.port ?? 0, command(WORKLOAD));
    expect(response.status).toBe(200);
    await until(() => slack.callsTo('chat.postMessage').length === 3, 'the chart notice');

    expect(slack.sequence()).toEqual([
      'auth.test',
      'chat.postMessage',
      'chat.postMessage',
      'files.getUploadURLExternal',
      'chat.postMessage',
    ]);
    const notice = slack.callsTo('chat.postMessage')[2]?.args;
    expect(notice).toMatchObject({ thread_ts: PARENT_TS, text: chartMissing('invalid_arguments') });
    await until(() => logs.records().some((r) => r.msg === 'chart upload failed'), 'the log');
    const failures = logs.records().filter((record) => record.level === 'error');
    expect(failures).toEqual([
      expect.objectContaining({ msg: 'chart upload failed', slackError: 'invalid_arguments' }),
    ]);
  });
});

describe('/selfhost-check request signatures', () => {
  it('refuses a forged signature with 401 and calls nothing', async () => {
    slack.method('chat.postMessage').respond();
    const body = command(WORKLOAD);

    const response = await sendCommand(running.port ?? 0, body, { secret: 'not-the-secret' });

    expect(response.status).toBe(401);
    expect(slack.sequence()).toEqual(['auth.test']);
    expect(slack.pending()).toHaveLength(2);
  });

  it('refuses a correctly signed request older than five minutes with 401', async () => {
    slack.method('chat.postMessage').respond();
    const body = command(WORKLOAD);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;

    const response = await sendCommand(running.port ?? 0, body, {
      timestamp: stale,
      signature: sign(body, stale),
    });

    expect(response.status).toBe(401);
    expect(slack.sequence()).toEqual(['auth.test']);
    expect(slack.pending()).toHaveLength(2);
  });

  it('refuses a request with no signature with 401 and stores nothing', async () => {
    slack.method('chat.postMessage').respond();

    const response = await fetch(`http://127.0.0.1:${running.port}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body: command(WORKLOAD),
    });

    expect(response.status).toBe(401);
    expect(slack.sequence()).toEqual(['auth.test']);
    expect(await store.audits.listByTeam({ teamId: 'T0001' })).toEqual([]);
  });
});

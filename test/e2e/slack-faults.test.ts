import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gate } from '../support/fake-slack.ts';
import { commandBody, sendCommand } from '../support/slash-command.ts';
import { startTestApp, type TestApp, until } from '../support/test-app.ts';

const WORKLOAD = '1.5M requests/month, 80% cache';
const PARENT_TS = '1764579600.000100';

let app: TestApp;

beforeEach(async () => {
  app = await startTestApp();
});

afterEach(async () => {
  await app.stop();
  expect(app.slack.contractProblems()).toEqual([]);
});

function send(text = WORKLOAD) {
  return sendCommand(app.port, commandBody({ text, responseUrl: app.slack.responseUrl }));
}

describe('Slack faults while answering', () => {
  it('waits out a 429 for its Retry-After before posting again, and posts once', async () => {
    app.slack.httpError('chat.postMessage', 429, { 'Retry-After': '1' });
    app.slack.method('chat.postMessage', { ts: PARENT_TS });
    app.slack.method('chat.postMessage', { ts: '1764579600.000200' }).upload();

    expect((await send()).status).toBe(200);
    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'answer');

    const [limited, posted] = app.slack.arrivals('chat.postMessage');
    expect((posted ?? 0) - (limited ?? 0)).toBeGreaterThanOrEqual(950);
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(3);
    const warnings = app.logs.records().filter((record) => record.level === 'error');
    expect(warnings).toEqual([]);
  });

  it('retries a 5xx a bounded number of times, then tells the user and logs once', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      app.slack.httpError('chat.postMessage', 503);
    }
    app.slack.respond();

    expect((await send()).status).toBe(200);
    await until(() => app.slack.callsTo('respond').length === 1, 'the ephemeral reply');

    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect(app.slack.callsTo('respond')[0]?.args).toMatchObject({ response_type: 'ephemeral' });
    const errors = app.logs.records().filter((record) => record.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'answer delivery failed',
        step: 'parent',
        slackError: 'http_503',
      }),
    ]);
  });
});

describe('Slack redelivering a request', () => {
  it('answers once when the same command arrives again with X-Slack-Retry-Num', async () => {
    app.slack.method('chat.postMessage', { ts: PARENT_TS });
    app.slack.method('chat.postMessage', { ts: '1764579600.000200' }).upload();
    app.slack.method('chat.postMessage', { ts: '1764579600.000900' });
    const body = commandBody({
      text: WORKLOAD,
      responseUrl: app.slack.responseUrl,
      triggerId: 'redelivered.1',
    });

    expect((await sendCommand(app.port, body)).status).toBe(200);
    const retry = await sendCommand(app.port, body, { headers: { 'X-Slack-Retry-Num': '1' } });
    expect(retry.status).toBe(200);
    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'answer');
    await until(
      () => app.logs.records().some((record) => record.msg === 'repeated delivery dropped'),
      'the dropped copy',
    );

    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(await app.store.audits.listByChannel({ teamId: 'T0001' }, 'C0001')).toHaveLength(1);
  });
});

describe('Slack not answering', () => {
  it('gives up on a call after its timeout, retries it twice, then tells the user', async () => {
    await app.stop();
    app = await startTestApp({ slackCallTimeoutMs: 300 });
    const never = gate();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      app.slack.method('chat.postMessage', { ts: PARENT_TS }, { hold: never.closed });
    }
    app.slack.respond();

    expect((await send()).status).toBe(200);
    await until(() => app.slack.callsTo('respond').length === 1, 'the ephemeral reply', 15_000);

    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(3);
    const errors = app.logs.records().filter((record) => record.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ msg: 'answer delivery failed', step: 'parent' }),
    ]);
    never.open();
  });
});

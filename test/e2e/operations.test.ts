import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTH_PATH } from '../../src/app.ts';
import { gate } from '../support/fake-slack.ts';
import { commandBody, sendCommand } from '../support/slash-command.ts';
import { startTestApp, type TestApp, until } from '../support/test-app.ts';

const PARENT_TS = '1764579600.000100';

let app: TestApp;

beforeEach(async () => {
  app = await startTestApp();
});

afterEach(async () => {
  await app.stop();
});

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${app.port}${HEALTH_PATH}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the health endpoint', () => {
  it('says ok while the instance takes work and its database answers', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', inFlight: 0 } });
  });

  it('says 503 when the database does not answer', async () => {
    await app.stop();
    app = await startTestApp({
      wrapStore: (store) => ({
        ...store,
        ping: () => Promise.reject(new Error('connection refused')),
      }),
    });
    expect(await health()).toMatchObject({
      status: 503,
      body: { status: 'database unreachable' },
    });
  });
});

describe('stopping an instance', () => {
  it('stops taking work, finishes the answer it holds, then stops', async () => {
    const parentReply = gate();
    app.slack.method('chat.postMessage', { ts: PARENT_TS }, { hold: parentReply.closed });
    app.slack.method('chat.postMessage', { ts: '1764579600.000200' }).upload();

    const body = commandBody({ text: '1.5M requests/month', responseUrl: app.slack.responseUrl });
    expect((await sendCommand(app.port, body)).status).toBe(200);
    await until(() => app.slack.callsTo('chat.postMessage').length === 1, 'the parent post');

    let stopped = false;
    const stopping = app.running.stop().then(() => {
      stopped = true;
    });
    expect(await health()).toMatchObject({
      status: 503,
      body: { status: 'draining', inFlight: 1 },
    });
    expect(stopped).toBe(false);

    parentReply.open();
    await stopping;
    expect(app.slack.sequence().slice(-3)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(app.logs.records().some((record) => record.msg === 'answer delivered')).toBe(true);
  });
});

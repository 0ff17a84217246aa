import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ANSWER_STEPS,
  HELP_TITLE,
  MODAL_UNREADABLE,
  modalFailure,
  STORE_FAILURE,
} from '../../src/blocks/texts.ts';
import { buildWorkloadModal } from '../../src/blocks/workload-modal.ts';
import { StoredRowError } from '../../src/store/index.ts';
import { messageProblems, viewProblems } from '../support/block-limits.ts';
import { gate } from '../support/fake-slack.ts';
import { sendInteraction, sentView, viewSubmission } from '../support/interactivity.ts';
import { outline, outlineView } from '../support/outline.ts';
import { commandBody, sendCommand } from '../support/slash-command.ts';
import { startTestApp, type TestApp, until } from '../support/test-app.ts';

const PARENT_TS = '1764579600.000100';
const TEAM = { teamId: 'T0001' };

type Json = Record<string, unknown>;

let app: TestApp;

beforeEach(async () => {
  app = await startTestApp();
});

afterEach(async () => {
  await app.stop();
  expect(app.slack.contractProblems()).toEqual([]);
});

function bareCommand(text = ''): Promise<Response> {
  return sendCommand(app.port, commandBody({ text, responseUrl: app.slack.responseUrl }));
}

/** Types the bare command and returns the form Slack was asked to open. */
async function openForm(): Promise<Json> {
  app.slack.method('views.open', { view: { id: 'V0MODAL' } });
  await bareCommand();
  await until(() => app.slack.callsTo('views.open').length === 1, 'views.open');
  return sentView(app.slack.callsTo('views.open')[0]?.args ?? {});
}

function expectAnswer(channel = 'C0001') {
  app.slack
    .method('chat.postMessage', { channel, ts: PARENT_TS })
    .method('chat.postMessage', { channel, ts: '1764579600.000200' })
    .upload();
}

async function submit(view: Json, typed: Record<string, string> = {}): Promise<Response> {
  return sendInteraction(app.port, viewSubmission(view, typed));
}

describe('/selfhost-check with no text', () => {
  it("opens the form with the command's trigger, acked while Slack still holds views.open", async () => {
    const opened = gate();
    app.slack.method('views.open', { view: { id: 'V0MODAL' } }, { hold: opened.closed });

    const response = await bareCommand();

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await until(() => app.slack.callsTo('views.open').length === 1, 'views.open');
    opened.open();

    const [call] = app.slack.callsTo('views.open');
    const view = sentView(call?.args ?? {});
    expect(call?.args.trigger_id).toMatch(/\.trigger$/);
    expect(viewProblems(view)).toEqual([]);
    expect(outlineView(view).slice(0, 4)).toMatchInlineSnapshot(`
      [
        "modal "Self-host check" [Check] [Cancel] callback workload_modal metadata {"channelId":"C0001"}",
        "Describe the agent workload. Every field starts at the reference profile; change what differs and I answer in a thread with a recommendation, the figures and a chart.",
        "# Traffic",
        "[requests-per-month] Requests: decimal 1..1000000000000 = 1500000",
      ]
    `);
    expect(app.slack.sequence()).toEqual(['auth.test', 'views.open']);
  });

  it('still shows the help for help', async () => {
    app.slack.respond();

    await bareCommand('help');
    await until(() => app.slack.callsTo('respond').length === 1, 'the reply');

    expect(JSON.stringify(app.slack.callsTo('respond')[0]?.args)).toContain(HELP_TITLE);
    expect(app.slack.sequence()).toEqual(['auth.test', 'respond']);
  });

  it('acks, then tells the person when Slack will not open the form', async () => {
    app.slack.failing('views.open', 'expired_trigger_id').respond();

    const response = await bareCommand();

    expect(response.status).toBe(200);
    await until(() => app.slack.callsTo('respond').length === 1, 'the reply');
    const reply = app.slack.callsTo('respond')[0]?.args ?? {};
    expect(reply).toMatchObject({
      response_type: 'ephemeral',
      text: modalFailure('expired_trigger_id'),
    });
  });
});

describe('the form submitted', () => {
  it('comes back with a message under each bad input, and nothing is posted or stored', async () => {
    const view = await openForm();

    const response = await submit(view, {
      'output-tokens': '0',
      'cache-hit-rate': '120',
      'gpus-per-replica': '2.5',
      'gpu-hourly-usd': '0',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchInlineSnapshot(`
      {
        "errors": {
          "cache-hit-rate": "Must be from 0% to 100%.",
          "gpu-hourly-usd": "Must be above 0.",
          "gpus-per-replica": "Must be a whole number.",
          "output-tokens": "Must be at least 1.",
        },
        "response_action": "errors",
      }
    `);
    expect(app.slack.sequence()).toEqual(['auth.test', 'views.open']);
    expect(await app.store.audits.listByTeam(TEAM)).toEqual([]);
  });

  it('comes back when the engine cannot fit the model on the GPUs given', async () => {
    const view = await openForm();

    const response = await submit(view, { gpu: 'h100-sxm', 'gpus-per-replica': '1' });

    const body = (await response.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors)).toEqual(['gpus-per-replica']);
    expect(body.errors['gpus-per-replica']).toContain('does not fit');
    expect(await app.store.audits.listByTeam(TEAM)).toEqual([]);
  });

  it('closes and posts the answer in the channel the command came from', async () => {
    const view = await openForm();
    expectAnswer();

    const response = await submit(view, { 'output-tokens': '3000', 'requests-unit': 'day' });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');
    const [parent, thread] = app.slack.callsTo('chat.postMessage');
    expect(parent?.args).toMatchObject({ channel: 'C0001' });
    expect(thread?.args).toMatchObject({ channel: 'C0001', thread_ts: PARENT_TS });
    expect(String(parent?.args.text)).toContain('Self-host: API');
    expect(outline(JSON.parse(String(parent?.args.blocks))).slice(1)).toMatchInlineSnapshot(`
      [
        "~ Asked by <@U0001>: requests-per-month=45000000, output-tokens=3000",
        "~ Figures and the crossover chart are in the thread.",
      ]
    `);
    for (const call of [parent, thread]) {
      const blocks = JSON.parse(String(call?.args.blocks)) as unknown[];
      expect(messageProblems({ text: String(call?.args.text), blocks })).toEqual([]);
    }

    await until(() => app.logs.lines.some((line) => line.includes('answer delivered')), 'the log');
    const [stored] = await app.store.audits.listByTeam(TEAM);
    expect(stored?.audit).toMatchObject({
      channelId: 'C0001',
      threadTs: PARENT_TS,
      userId: 'U0001',
      workload: { outputTokens: 3000, requestsPerMonth: 45_000_000 },
    });
  });

  it('acks while Slack still holds the first post of the answer', async () => {
    const view = await openForm();
    const parentReply = gate();
    app.slack.method('chat.postMessage', { ts: PARENT_TS }, { hold: parentReply.closed });
    app.slack.method('chat.postMessage', { ts: '1764579600.000200' }).upload();

    const response = await submit(view);

    expect(response.status).toBe(200);
    await until(() => app.slack.callsTo('chat.postMessage').length === 1, 'the parent post');
    expect(app.slack.sequence()).toEqual(['auth.test', 'views.open', 'chat.postMessage']);
    parentReply.open();
    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');
  });

  it('tells the person in a direct message how to invite the bot it cannot post', async () => {
    const view = await openForm();
    app.slack.failing('chat.postMessage', 'not_in_channel');
    app.slack.method('chat.postMessage', { channel: 'D0DM', ts: '1764579600.000900' });

    const response = await submit(view);

    expect(response.status).toBe(200);
    await until(() => app.slack.callsTo('chat.postMessage').length === 2, 'the direct message');
    const direct = app.slack.callsTo('chat.postMessage')[1]?.args ?? {};
    expect(direct.channel).toBe('U0001');
    expect(direct.text).toMatchInlineSnapshot(
      `"I am not in <#C0001>, so I could not post the answer there. Add me with \`/invite @selfhost-check\` in that channel, then run the check again."`,
    );
    const [thread] = await app.store.audits.listByTeam(TEAM);
    expect(thread?.audit.stoppedReason).toBe('answer_not_posted:not_in_channel');
  });

  it('tells the person ephemerally which step failed when Slack refuses a post', async () => {
    const view = await openForm();
    app.slack.method('chat.postMessage', { ts: PARENT_TS });
    app.slack.failing('chat.postMessage', 'msg_too_long');
    app.slack.method('chat.postEphemeral', { message_ts: '1764579600.000300' });

    await submit(view);

    await until(() => app.slack.callsTo('chat.postEphemeral').length === 1, 'the ephemeral');
    const ephemeral = app.slack.callsTo('chat.postEphemeral')[0]?.args ?? {};
    expect(ephemeral).toMatchObject({ channel: 'C0001', user: 'U0001' });
    expect(String(ephemeral.text)).toContain(ANSWER_STEPS.thread);
    expect(String(ephemeral.text)).toContain('msg_too_long');
  });

  it('falls back to a direct message when the ephemeral fails too', async () => {
    const view = await openForm();
    app.slack.method('chat.postMessage', { ts: PARENT_TS });
    app.slack.failing('chat.postMessage', 'msg_too_long');
    app.slack.failing('chat.postEphemeral', 'user_not_in_channel');
    app.slack.method('chat.postMessage', { ts: '1764579600.000900' });

    await submit(view);

    await until(() => app.slack.callsTo('chat.postMessage').length === 3, 'the direct message');
    expect(app.slack.callsTo('chat.postMessage')[2]?.args.channel).toBe('U0001');
    const warned = app.logs.records().find((record) => record.level === 'warn');
    expect(warned).toMatchObject({ slackError: 'user_not_in_channel' });
  });

  it('acks within Slack deadline, then says so, when the answer cannot be stored', async () => {
    await app.stop();
    app = await startTestApp({
      wrapStore: (store) => ({
        ...store,
        close: () => store.close(),
        audits: {
          ...store.audits,
          create: async () => {
            throw new StoredRowError('audits', 'new', 'database is locked');
          },
        },
      }),
    });
    app.slack.method('chat.postEphemeral', { message_ts: '1764579600.000300' });
    const started = Date.now();

    const response = await submit(
      buildWorkloadModal(undefined, { channelId: 'C0001' }) as unknown as Json,
    );

    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    await until(() => app.slack.callsTo('chat.postEphemeral').length === 1, 'the ephemeral');
    expect(app.slack.callsTo('chat.postEphemeral')[0]?.args.text).toBe(STORE_FAILURE);
    expect(app.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('comes back, posting nothing, when its metadata is not what the app wrote', async () => {
    const view = { ...buildWorkloadModal(), private_metadata: '{"channelId":"#general"}' };

    const response = await submit(view as unknown as Json);

    expect(await response.json()).toEqual({
      response_action: 'errors',
      errors: { 'requests-per-month': MODAL_UNREADABLE },
    });
    expect(app.slack.sequence()).toEqual(['auth.test']);
  });
});

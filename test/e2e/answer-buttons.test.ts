import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.ts';
import { answerActionsBlockId } from '../../src/blocks/answer-thread.ts';
import {
  AUDIT_NOT_FOUND,
  CHANGES_TITLE,
  REMINDERS_NOT_ALLOWED,
  REMINDERS_TURNED_OFF,
} from '../../src/blocks/texts.ts';
import type { Audit } from '../../src/store/index.ts';
import { gate } from '../support/fake-slack.ts';
import {
  blockActions,
  type ClickFields,
  sendInteraction,
  sentView,
  viewSubmission,
} from '../support/interactivity.ts';
import { outline } from '../support/outline.ts';
import { commandBody, sendCommand } from '../support/slash-command.ts';
import { startTestApp, type TestApp, until } from '../support/test-app.ts';

const PARENT_TS = '1764579600.000100';
const WORKLOAD = '1.5M requests/month, 4k system, 8k tools, 2k output, 80% cache';
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

/** The first answer, made by the command as people make it; returns its stored audit. */
async function firstAnswer(): Promise<Audit> {
  app.slack
    .method('chat.postMessage', { ts: PARENT_TS })
    .method('chat.postMessage', { ts: '1764579600.000200' })
    .upload();
  await sendCommand(app.port, commandBody({ text: WORKLOAD, responseUrl: app.slack.responseUrl }));
  // The thread's ts is stored once the whole answer is posted, just before this line is logged.
  await until(() => app.logs.lines.some((line) => line.includes('answer delivered')), 'the answer');

  const [thread] = await app.store.audits.listByTeam(TEAM);
  if (thread === undefined) throw new Error('no audit stored');
  app.slack.calls.length = 0;
  return thread.audit;
}

function click(fields: Omit<ClickFields, 'responseUrl'>): Promise<Response> {
  return sendInteraction(app.port, blockActions({ ...fields, responseUrl: app.slack.responseUrl }));
}

async function ephemeralReply(): Promise<Json> {
  await until(() => app.slack.callsTo('respond').length === 1, 'the ephemeral reply');
  return app.slack.callsTo('respond')[0]?.args ?? {};
}

/** A re-audit answered in the thread: only the figures and the chart, no new parent. */
function expectThreadAnswer() {
  app.slack.method('chat.postMessage', { ts: '1764579600.000500' }).upload('F0CHART02');
}

async function threadAnswer(): Promise<Json> {
  await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');
  const posts = app.slack.callsTo('chat.postMessage');
  expect(posts).toHaveLength(1);
  return posts[0]?.args ?? {};
}

function changesOf(answer: Json): string[] {
  const lines = outline(JSON.parse(String(answer.blocks)) as unknown[]);
  return lines.filter((line) => line.startsWith(`*${CHANGES_TITLE}*`));
}

describe('the buttons under an answer', () => {
  it('carry the audit id and nothing of the workload', async () => {
    app.slack
      .method('chat.postMessage', { ts: PARENT_TS })
      .method('chat.postMessage', { ts: '1764579600.000200' })
      .upload();

    await sendCommand(
      app.port,
      commandBody({ text: WORKLOAD, responseUrl: app.slack.responseUrl }),
    );
    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'the answer');

    const [, thread] = app.slack.callsTo('chat.postMessage');
    const [stored] = await app.store.audits.listByTeam(TEAM);
    const buttons = outline(JSON.parse(String(thread?.args.blocks)) as unknown[])
      .join('\n')
      .replaceAll(stored?.audit.id ?? '?', '<audit id>')
      .split('\n')
      .slice(-4);
    expect(buttons).toMatchInlineSnapshot(`
      [
        "actions [answer:<audit id>]",
        "  button "Edit inputs" → edit_inputs=<audit id>",
        "  select "Compare model"; Claude models: Claude Opus 4.7 (claude:claude-opus-4-7), Claude Opus 4.6 (claude:claude-opus-4-6), Claude Opus 4.5 (claude:claude-opus-4-5), Claude Opus 4.1 (claude:claude-opus-4-1), Claude Sonnet 4.5 (claude:claude-sonnet-4-5), Claude Haiku 4.5 (claude:claude-haiku-4-5); Open-weight models: Llama 4 Scout (109B, 17B active) (open:llama-4-scout), DeepSeek V3 / R1 (671B, 37B active) (open:deepseek-v3), Mistral Large 3 (675B, 41B active) (open:mistral-large-3), Llama 3.3 70B (dense) (open:llama-3.3-70b), Qwen3-235B-A22B (235B, 22B active) (open:qwen3-235b-a22b), gpt-oss-120b (117B, 5.1B active) (open:gpt-oss-120b)",
        "  button "Reminders on/off" → toggle_reminders=<audit id>",
      ]
    `);
  });
});

describe('Edit inputs', () => {
  it("opens the form filled with the answer's workload, acked while Slack holds views.open", async () => {
    const audit = await firstAnswer();
    const opened = gate();
    app.slack.method('views.open', { view: { id: 'V0MODAL' } }, { hold: opened.closed });

    const response = await click({ actionId: ACTION_IDS.editInputs, value: audit.id });

    expect(response.status).toBe(200);
    await until(() => app.slack.callsTo('views.open').length === 1, 'views.open');
    opened.open();
    const [call] = app.slack.callsTo('views.open');
    const view = sentView(call?.args ?? {});
    expect(call?.args.trigger_id).toMatch(/\.action$/);
    expect(view.private_metadata).toBe(JSON.stringify({ auditId: audit.id }));
    expect(JSON.stringify(view)).toContain('"initial_value":"1500000"');
  });

  it('answers its submission in the same thread, saying what changed', async () => {
    const audit = await firstAnswer();
    app.slack.method('views.open', { view: { id: 'V0MODAL' } });
    await click({ actionId: ACTION_IDS.editInputs, value: audit.id });
    await until(() => app.slack.callsTo('views.open').length === 1, 'views.open');
    const view = sentView(app.slack.callsTo('views.open')[0]?.args ?? {});
    expectThreadAnswer();

    const response = await sendInteraction(
      app.port,
      viewSubmission(view, { 'output-tokens': '3000', 'cache-hit-rate': '50' }),
    );

    expect(response.status).toBe(200);
    const answer = await threadAnswer();
    expect(answer).toMatchObject({ channel: 'C0001', thread_ts: PARENT_TS });
    expect(changesOf(answer)).toMatchInlineSnapshot(`
      [
        "*What changed since the previous answer here*
      Inputs: output-tokens 2K → 3K · cache-hit-rate 80% → 50%
      Results: API cost per request: $0.0479 → $0.0753 · API per month: $71.8K → $113K · loaded crossover: 589K requests a month → 375K requests a month",
      ]
    `);
    const history = await app.store.audits.history(TEAM, audit.id);
    expect(history.map((entry) => entry.repeatsAuditId)).toEqual([null, audit.id]);
    expect(history[1]?.workload).toMatchObject({ outputTokens: 3000, cacheHitRate: 0.5 });
  });

  it("answers ephemerally and opens nothing for another workspace's answer", async () => {
    const audit = await firstAnswer();
    app.slack.method('views.open').respond();

    const response = await click({
      actionId: ACTION_IDS.editInputs,
      value: audit.id,
      teamId: 'T0002',
    });

    expect(response.status).toBe(200);
    expect(await ephemeralReply()).toMatchObject({
      response_type: 'ephemeral',
      text: AUDIT_NOT_FOUND,
    });
    expect(app.slack.sequence()).toEqual(['respond']);
  });
});

describe('Compare model', () => {
  it('re-runs the workload against the chosen Claude model in the same thread', async () => {
    const audit = await firstAnswer();
    expectThreadAnswer();

    const response = await click({
      actionId: ACTION_IDS.compareModel,
      blockId: answerActionsBlockId(audit.id),
      selected: 'claude:claude-opus-4-7',
    });

    expect(response.status).toBe(200);
    const answer = await threadAnswer();
    expect(answer).toMatchObject({ channel: 'C0001', thread_ts: PARENT_TS });
    expect(changesOf(answer)).toMatchInlineSnapshot(`
      [
        "*What changed since the previous answer here*
      Inputs: api-model claude-sonnet-4-6 → claude-opus-4-7
      Results: API cost per request: $0.0479 → $0.0798 · API per month: $71.8K → $120K · loaded crossover: 589K requests a month → 354K requests a month",
      ]
    `);
  });

  it('lets the engine size a replica for another open model', async () => {
    const audit = await firstAnswer();
    expectThreadAnswer();

    await click({
      actionId: ACTION_IDS.compareModel,
      blockId: answerActionsBlockId(audit.id),
      selected: 'open:llama-3.3-70b',
    });

    await threadAnswer();
    const history = await app.store.audits.history(TEAM, audit.id);
    expect(history[1]?.workload.openModel).toBe('llama-3.3-70b');
    expect(history[1]?.summary.openModel).toBe('llama-3.3-70b');
  });

  it('acks while Slack still holds the answer, then posts it', async () => {
    const audit = await firstAnswer();
    const held = gate();
    app.slack.method('chat.postMessage', { ts: '1764579600.000500' }, { hold: held.closed });
    app.slack.upload('F0CHART02');

    const response = await click({
      actionId: ACTION_IDS.compareModel,
      blockId: answerActionsBlockId(audit.id),
      selected: 'claude:claude-haiku-4-5',
    });

    expect(response.status).toBe(200);
    await until(() => app.slack.callsTo('chat.postMessage').length === 1, 'the post');
    held.open();
    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');
  });

  it("changes nothing for another workspace's answer, or a model not in the catalog", async () => {
    const audit = await firstAnswer();
    app.slack.respond().respond();

    await click({
      actionId: ACTION_IDS.compareModel,
      blockId: answerActionsBlockId(audit.id),
      selected: 'claude:claude-opus-4-7',
      teamId: 'T0002',
    });
    await click({
      actionId: ACTION_IDS.compareModel,
      blockId: answerActionsBlockId(audit.id),
      selected: 'open:gpt-9',
    });

    await until(() => app.slack.callsTo('respond').length === 2, 'both replies');
    const texts = app.slack.callsTo('respond').map((call) => call.args.text);
    expect(texts).toEqual(expect.arrayContaining([AUDIT_NOT_FOUND]));
    expect(app.slack.sequence()).toEqual(['respond', 'respond']);
    expect(await app.store.audits.history(TEAM, audit.id)).toHaveLength(1);
  });
});

describe('Reminders on/off', () => {
  it('lets the person who asked turn them off, then on again', async () => {
    const audit = await firstAnswer();
    app.slack.respond().respond();

    await click({ actionId: ACTION_IDS.toggleReminders, value: audit.id });
    await until(() => app.slack.callsTo('respond').length === 1, 'the first reply');
    const off = await app.store.audits.get(TEAM, audit.id);
    await click({ actionId: ACTION_IDS.toggleReminders, value: audit.id });
    await until(() => app.slack.callsTo('respond').length === 2, 'the second reply');

    const [first, second] = app.slack.callsTo('respond').map((call) => call.args.text);
    expect(off?.remindersEnabled).toBe(false);
    expect(first).toBe(REMINDERS_TURNED_OFF);
    expect(second).toMatchInlineSnapshot(
      `"Quarterly reminders are on for this thread. The next re-audit is due <!date^1803891600^{date_long}|2027-03-01>."`,
    );
    expect((await app.store.audits.get(TEAM, audit.id))?.remindersEnabled).toBe(true);
    expect(app.slack.sequence()).toEqual(['respond', 'respond']);
  });

  it('refuses anyone else who is not a workspace admin, and changes nothing', async () => {
    const audit = await firstAnswer();
    app.slack.method('users.info', { user: { id: 'U0OTHER', is_admin: false, is_owner: false } });
    app.slack.respond();

    const response = await click({
      actionId: ACTION_IDS.toggleReminders,
      value: audit.id,
      userId: 'U0OTHER',
    });

    expect(response.status).toBe(200);
    expect((await ephemeralReply()).text).toBe(REMINDERS_NOT_ALLOWED);
    expect(app.slack.callsTo('users.info')[0]?.args.user).toBe('U0OTHER');
    expect((await app.store.audits.get(TEAM, audit.id))?.remindersEnabled).toBe(true);
  });

  it('lets a workspace admin turn them off', async () => {
    const audit = await firstAnswer();
    app.slack.method('users.info', { user: { id: 'U0ADMIN', is_admin: true } });
    app.slack.respond();

    await click({ actionId: ACTION_IDS.toggleReminders, value: audit.id, userId: 'U0ADMIN' });

    expect((await ephemeralReply()).text).toBe(REMINDERS_TURNED_OFF);
    expect((await app.store.audits.get(TEAM, audit.id))?.remindersEnabled).toBe(false);
  });

  it('refuses when Slack cannot say who is an admin', async () => {
    const audit = await firstAnswer();
    app.slack.failing('users.info', 'ratelimited');
    app.slack.respond();

    await click({ actionId: ACTION_IDS.toggleReminders, value: audit.id, userId: 'U0OTHER' });

    expect((await ephemeralReply()).text).toBe(REMINDERS_NOT_ALLOWED);
    expect((await app.store.audits.get(TEAM, audit.id))?.remindersEnabled).toBe(true);
  });

  it("changes nothing for another workspace's answer, without asking Slack who is admin", async () => {
    const audit = await firstAnswer();
    app.slack.respond();

    await click({ actionId: ACTION_IDS.toggleReminders, value: audit.id, teamId: 'T0002' });

    expect((await ephemeralReply()).text).toBe(AUDIT_NOT_FOUND);
    expect(app.slack.sequence()).toEqual(['respond']);
    expect((await app.store.audits.get(TEAM, audit.id))?.remindersEnabled).toBe(true);
  });
});

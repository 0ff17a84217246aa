import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS, CALLBACK_IDS } from '../../src/blocks/action-ids.ts';
import { MODAL_PICK_DESTINATION, modalFailure } from '../../src/blocks/texts.ts';
import { DESTINATION_BLOCK } from '../../src/blocks/workload-modal.ts';
import { at, DAY_MS, newAudit, OTHER_TEAM } from '../store/builders.ts';
import { viewProblems } from '../support/block-limits.ts';
import { gate } from '../support/fake-slack.ts';
import {
  appHomeOpened,
  blockActions,
  globalShortcut,
  sendEvent,
  sendInteraction,
  sentView,
  viewSubmission,
} from '../support/interactivity.ts';
import { outline } from '../support/outline.ts';
import { startTestApp, TEST_REAUDIT_DUE, type TestApp, until } from '../support/test-app.ts';

const PARENT_TS = '1764579600.000100';

type Json = Record<string, unknown>;

let app: TestApp;

beforeEach(async () => {
  app = await startTestApp();
});

afterEach(async () => {
  await app.stop();
  expect(app.slack.contractProblems()).toEqual([]);
});

async function openedView(): Promise<Json> {
  await until(() => app.slack.callsTo('views.open').length === 1, 'views.open');
  return sentView(app.slack.callsTo('views.open')[0]?.args ?? {});
}

async function publishedHome(): Promise<Json> {
  await until(() => app.slack.callsTo('views.publish').length === 1, 'views.publish');
  return sentView(app.slack.callsTo('views.publish')[0]?.args ?? {});
}

describe('the global shortcut', () => {
  it('opens the form asking where to answer, acked while Slack holds views.open', async () => {
    const opened = gate();
    app.slack.method('views.open', { view: { id: 'V0MODAL' } }, { hold: opened.closed });

    const response = await sendInteraction(app.port, globalShortcut(CALLBACK_IDS.shortcut));

    expect(response.status).toBe(200);
    const view = await openedView();
    opened.open();
    expect(app.slack.callsTo('views.open')[0]?.args.trigger_id).toMatch(/\.shortcut$/);
    expect(viewProblems(view)).toEqual([]);
    expect(view.private_metadata).toBe('{}');
    expect(outline(view.blocks as unknown[]).slice(1, 4)).toMatchInlineSnapshot(`
      [
        "# Where the answer goes",
        "[destination] Post the answer in: conversation picker",
        "    hint: A channel I am in; /invite @selfhost-check there adds me.",
      ]
    `);
  });

  it('posts the answer in the conversation picked in the form', async () => {
    app.slack.method('views.open', { view: { id: 'V0MODAL' } });
    await sendInteraction(app.port, globalShortcut(CALLBACK_IDS.shortcut));
    const view = await openedView();
    app.slack
      .method('chat.postMessage', { channel: 'C0PICKED', ts: PARENT_TS })
      .method('chat.postMessage', { channel: 'C0PICKED', ts: '1764579600.000200' })
      .upload();

    await sendInteraction(app.port, viewSubmission(view, { destination: 'C0PICKED' }));

    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'the upload');
    const [parent] = app.slack.callsTo('chat.postMessage');
    expect(parent?.args.channel).toBe('C0PICKED');
    await until(() => app.logs.lines.some((line) => line.includes('answer delivered')), 'the log');
    const [stored] = await app.store.audits.listByTeam({ teamId: 'T0001' });
    expect(stored?.audit.channelId).toBe('C0PICKED');
  });

  it('sends the form back when no conversation is picked', async () => {
    app.slack.method('views.open', { view: { id: 'V0MODAL' } });
    await sendInteraction(app.port, globalShortcut(CALLBACK_IDS.shortcut));
    const view = await openedView();

    const response = await sendInteraction(app.port, viewSubmission(view));

    expect(await response.json()).toEqual({
      response_action: 'errors',
      errors: { [DESTINATION_BLOCK]: MODAL_PICK_DESTINATION },
    });
  });

  it('acks, then says in a direct message that the form could not open', async () => {
    app.slack.failing('views.open', 'expired_trigger_id');
    app.slack.method('chat.postMessage', { ts: '1764579600.000900' });

    const response = await sendInteraction(app.port, globalShortcut(CALLBACK_IDS.shortcut));

    expect(response.status).toBe(200);
    await until(() => app.slack.callsTo('chat.postMessage').length === 1, 'the direct message');
    expect(app.slack.callsTo('chat.postMessage')[0]?.args).toMatchObject({
      channel: 'U0001',
      text: modalFailure('expired_trigger_id'),
    });
  });
});

describe('the Home tab', () => {
  it("publishes the New check button, this team's answers and the catalog", async () => {
    // Due after the app's clock, so no nudge goes out while the Home tab is read.
    const nextNudgeAt = TEST_REAUDIT_DUE;
    await app.store.audits.create(newAudit({ nextNudgeAt }));
    const stopped = await app.store.audits.create(
      newAudit({ channelId: 'C0002', createdAt: at(DAY_MS), nextNudgeAt }),
    );
    await app.store.audits.stop({ teamId: 'T0001' }, stopped.id, 'answer_not_posted:is_archived');
    await app.store.audits.create(
      newAudit({ scope: OTHER_TEAM, channelId: 'C0SECRET', nextNudgeAt }),
    );
    app.slack.method('views.publish', { view: { id: 'V0HOME' } });

    const response = await sendEvent(app.port, appHomeOpened());

    expect(response.status).toBe(200);
    const home = await publishedHome();
    expect(app.slack.callsTo('views.publish')[0]?.args.user_id).toBe('U0001');
    expect(viewProblems(home)).toEqual([]);
    expect(JSON.stringify(home)).not.toContain('C0SECRET');
    expect(outline(home.blocks as unknown[])).toMatchInlineSnapshot(`
      [
        "# Self-host check",
        "Should an agent workload stay on the Claude API or move to open-weight models on rented GPUs? *New check* opens the form and posts the answer in the channel you pick; \`/selfhost-check\` in a channel does the same there.",
        "  button "New check" → new_check",
        "---",
        "# Recent answers in this workspace",
        ":large_orange_circle: *evaluate* · 1.5M requests/mo · Claude Sonnet 4.6 vs Llama 4 Maverick (400B, 17B active)
      <#C0002> · asked by <@U0001> <!date^1767690000^{date_long}|2026-01-06> · reminders stopped: its answer was never posted (Slack said \`is_archived\`)",
        ":large_orange_circle: *evaluate* · 1.5M requests/mo · Claude Sonnet 4.6 vs Llama 4 Maverick (400B, 17B active)
      <#C0001> · asked by <@U0001> <!date^1767603600^{date_long}|2026-01-05> · next re-audit <!date^1803891600^{date_long}|2027-03-01>",
        "---",
        "# Catalog as of 2026-11-01",
        "*Claude models* (API prices as of 2026-09-23)
      Claude Opus 4.7, Claude Opus 4.6, Claude Opus 4.5, Claude Opus 4.1, Claude Sonnet 4.6, Claude Sonnet 4.5, Claude Haiku 4.5",
        "*Open-weight models* (release dates)
      • Llama 4 Maverick (400B, 17B active), 2025-04-05
      • Llama 4 Scout (109B, 17B active), 2025-04-05
      • DeepSeek V3 / R1 (671B, 37B active), 2024-12-26
      • Mistral Large 3 (675B, 41B active), 2025-12-02
      • Llama 3.3 70B (dense), 2024-12-06
      • Qwen3-235B-A22B (235B, 22B active), 2025-04-29
      • gpt-oss-120b (117B, 5.1B active), 2025-08-05",
        "*GPU prices* (the catalog's default, on demand)
      • *NVIDIA H100 SXM 80GB*: $3.29/GPU-hour, Runpod (secure cloud), 2026-11-01 ($2.69 to $6.88 across 6 prices)
      • *NVIDIA H100 PCIe 80GB*: $2.89/GPU-hour, Runpod (secure cloud), 2026-01-01 ($1.99 to $4.25 across 4 prices)
      • *NVIDIA H200 SXM 141GB*: $4.59/GPU-hour, Runpod (secure cloud), 2026-10-01 ($3.59 to $7.91 across 4 prices)
      • *NVIDIA B200 180GB*: $6.79/GPU-hour, Runpod (secure cloud), 2026-01-01 ($5.98 to $8.6 across 4 prices)
      • *NVIDIA A100 SXM 80GB*: $1.59/GPU-hour, Runpod (secure cloud), 2026-01-01 ($1.39 to $3.43 across 5 prices)
      • *NVIDIA L40S 48GB*: $1.09/GPU-hour, Runpod (secure cloud), 2026-01-01 ($0.79 to $2.25 across 3 prices)",
        "~ Newest figures: h100-sxm at Runpod (secure cloud) 2026-11-01 · h100-sxm at Runpod (community cloud) 2026-11-01 · Start, Build, Scale rate limits 2026-10-15 · h200 at Runpod (secure cloud) 2026-10-01 · h200 at Runpod (community cloud) 2026-10-01",
      ]
    `);
  });

  it('acks the event while Slack still holds views.publish', async () => {
    const published = gate();
    app.slack.method('views.publish', { view: { id: 'V0HOME' } }, { hold: published.closed });

    const response = await sendEvent(app.port, appHomeOpened());

    expect(response.status).toBe(200);
    await publishedHome();
    published.open();
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    app.slack.method('views.publish');

    const response = await sendEvent(app.port, appHomeOpened({}, 'messages'));

    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.slack.sequence()).toEqual(['auth.test']);
  });

  it('logs a failed publish and still acks', async () => {
    app.slack.failing('views.publish', 'not_enabled');

    const response = await sendEvent(app.port, appHomeOpened());

    expect(response.status).toBe(200);
    await until(() => app.logs.lines.some((line) => line.includes('home not published')), 'log');
    const failed = app.logs.records().find((record) => record.msg === 'home not published');
    expect(failed).toMatchObject({ level: 'error', slackError: 'not_enabled' });
  });

  it('opens the form asking where to answer from New check', async () => {
    app.slack.method('views.open', { view: { id: 'V0MODAL' } });

    const response = await sendInteraction(
      app.port,
      blockActions({ actionId: ACTION_IDS.newCheck, responseUrl: '', container: 'home' }),
    );

    expect(response.status).toBe(200);
    const view = await openedView();
    expect(app.slack.callsTo('views.open')[0]?.args.trigger_id).toMatch(/\.action$/);
    expect(JSON.stringify(view.blocks)).toContain(`"block_id":"${DESTINATION_BLOCK}"`);
  });
});

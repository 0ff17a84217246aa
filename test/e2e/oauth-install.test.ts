import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/scopes.ts';
import { newAudit } from '../store/builders.ts';
import { commandBody, sendCommand } from '../support/slash-command.ts';
import { startTestApp, TEST_NOW, type TestApp, until } from '../support/test-app.ts';

const OAUTH = {
  clientId: '1111.2222',
  clientSecret: 'client-secret-6512bd43d9caa6e02c990b0a82652dca',
  stateSecret: 'state-secret-c20ad4d76fe97759aa27a0c99bff6710',
};
const INSTALLED_TOKEN = 'xoxb-9999-8888-installedtoken';
const OTHER_TEAM = 'T0002';

let app: TestApp;

beforeEach(async () => {
  app = await startTestApp({ oauth: OAUTH });
});

afterEach(async () => {
  await app.stop();
  // oauth.v2.access is not in the reference method files; every other call is checked.
  const problems = app.slack.contractProblems();
  expect(problems.filter((problem) => !problem.startsWith('oauth.v2.access'))).toEqual([]);
});

function page(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${app.port}${path}`, { headers, redirect: 'manual' });
}

/** Walks the install flow as a browser would: install page, Slack's consent, the redirect back. */
async function install(): Promise<Response> {
  const start = await page('/slack/install');
  const location = new URL(start.headers.get('location') ?? '');
  const state = location.searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  app.slack.method('oauth.v2.access', {
    app_id: 'A0001',
    authed_user: { id: 'U0002' },
    scope: BOT_SCOPES.join(','),
    token_type: 'bot',
    access_token: INSTALLED_TOKEN,
    bot_user_id: 'U0BOT2',
    team: { id: OTHER_TEAM, name: 'Other' },
    enterprise: null,
    is_enterprise_install: false,
  });
  app.slack.method('auth.test', { user_id: 'U0BOT2', bot_id: 'B0BOT2', team_id: OTHER_TEAM });
  return page(`/slack/oauth_redirect?code=consent-code&state=${state}`, { Cookie: cookie });
}

describe('installing into many workspaces', () => {
  it("sends the installer to Slack's consent page with the bot scopes and a state", async () => {
    const start = await page('/slack/install');
    const location = new URL(start.headers.get('location') ?? '');

    expect(start.status).toBe(302);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(location.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(location.searchParams.get('state')).toBeTruthy();
  });

  it('keeps the installation in the store and answers that workspace with its own token', async () => {
    const finished = await install();
    expect(finished.status).toBe(200);

    const stored = await app.store.installations.find({
      teamId: OTHER_TEAM,
      enterpriseId: null,
      isEnterpriseInstall: false,
    });
    expect(stored).toMatchObject({ botToken: INSTALLED_TOKEN, botUserId: 'U0BOT2' });

    app.slack.method('chat.postMessage', { ts: '1764579600.000100' });
    app.slack.method('chat.postMessage', { ts: '1764579600.000200' }).upload();
    const body = commandBody({
      text: '1.5M requests/month',
      responseUrl: app.slack.responseUrl,
      teamId: OTHER_TEAM,
    });
    expect((await sendCommand(app.port, body)).status).toBe(200);
    await until(() => app.slack.callsTo('files.completeUploadExternal').length === 1, 'answer');

    const [parent] = app.slack.callsTo('chat.postMessage');
    expect(parent?.headers.authorization).toBe(`Bearer ${INSTALLED_TOKEN}`);
  });

  it('refuses a redirect whose state it did not issue, and stores nothing', async () => {
    const forged = await page('/slack/oauth_redirect?code=consent-code&state=forged');

    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(app.slack.callsTo('oauth.v2.access')).toEqual([]);
  });

  it('never logs the client secret or the state secret', async () => {
    await install();
    const all = app.logs.lines.join('\n');
    expect(all).not.toContain(OAUTH.clientSecret);
    expect(all).not.toContain(OAUTH.stateSecret);
    expect(all).not.toContain(INSTALLED_TOKEN);
  });
});

describe('nudges in a workspace that installed the app', () => {
  it("post with that workspace's own token", async () => {
    await app.stop();
    // A short re-audit makes the dispatcher poll every half second.
    app = await startTestApp({ oauth: OAUTH, reauditAfterMs: 5_000 });
    expect((await install()).status).toBe(200);
    await app.store.audits.create(
      newAudit({
        scope: { teamId: OTHER_TEAM, enterpriseId: null },
        nextNudgeAt: new Date(TEST_NOW.getTime() - 1_000),
      }),
    );
    app.slack.method('chat.postMessage', { ts: '1764579600.000500' }).upload();

    await until(() => app.slack.callsTo('chat.postMessage').length === 1, 'the nudge');
    const [nudge] = app.slack.callsTo('chat.postMessage');
    expect(nudge?.args).toMatchObject({ thread_ts: '1767603600.000100', reply_broadcast: 'true' });
    expect(nudge?.headers.authorization).toBe(`Bearer ${INSTALLED_TOKEN}`);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseConfig, secretsOf } from '../src/config.ts';

const BOT = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc' };

describe('parseConfig', () => {
  it('chooses Socket Mode when an app token is set', () => {
    const result = parseConfig({ ...BOT, SLACK_APP_TOKEN: 'xapp-1-A1-abc' });

    expect(result).toEqual({
      ok: true,
      config: {
        botToken: 'xoxb-1-2-abc',
        connection: { mode: 'socket', appToken: 'xapp-1-A1-abc' },
        logLevel: 'info',
        reauditAfterMs: 90 * 86_400_000,
        nudgeLeaseMs: 120_000,
        slackCallTimeoutMs: 15_000,
      },
    });
  });

  it('reads DATABASE_URL and REAUDIT_AFTER', () => {
    const result = parseConfig({
      ...BOT,
      SLACK_SIGNING_SECRET: 'secret',
      DATABASE_URL: 'sqlite:./data/test.db',
      REAUDIT_AFTER: '5s',
    });

    expect(result.ok && result.config).toMatchObject({
      databaseUrl: 'sqlite:./data/test.db',
      reauditAfterMs: 5_000,
    });
  });

  it('names REAUDIT_AFTER when it is not a duration', () => {
    const result = parseConfig({ ...BOT, SLACK_SIGNING_SECRET: 'secret', REAUDIT_AFTER: 'soon' });
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^REAUDIT_AFTER must be a whole number followed by s/)],
    });
  });

  it('chooses HTTP on port 3000 with the signing secret otherwise', () => {
    const result = parseConfig({ ...BOT, SLACK_SIGNING_SECRET: 'secret' });

    expect(result.ok && result.config.connection).toEqual({
      mode: 'http',
      signingSecret: 'secret',
      port: DEFAULT_PORT,
    });
  });

  it('takes the port, host, log level and Web API URL when given', () => {
    const result = parseConfig({
      ...BOT,
      SLACK_SIGNING_SECRET: 'secret',
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
    });

    expect(result).toMatchObject({
      ok: true,
      config: {
        connection: { port: 8080, host: '127.0.0.1' },
        logLevel: 'debug',
        slackApiUrl: 'http://127.0.0.1:4000/api/',
      },
    });
  });

  it('names the missing bot token', () => {
    expect(parseConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^SLACK_BOT_TOKEN is not set/)],
    });
  });

  it('names the signing secret HTTP mode lacks', () => {
    expect(parseConfig(BOT)).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^SLACK_SIGNING_SECRET is not set/)],
    });
  });

  it('lists one problem a variable, each naming it', () => {
    const result = parseConfig({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'not-an-app-token',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'ftp://example.com',
    });

    expect(result.ok ? [] : result.problems.map((problem) => problem.split(' ')[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'SLACK_API_URL',
      'PORT',
      'LOG_LEVEL',
    ]);
  });
});

describe('secretsOf', () => {
  it('lists the bot token and the mode secret', () => {
    const result = parseConfig({ ...BOT, SLACK_SIGNING_SECRET: 'secret' });
    if (!result.ok) throw new Error('config did not parse');

    expect(secretsOf(result.config)).toEqual(['xoxb-1-2-abc', 'secret']);
  });
});

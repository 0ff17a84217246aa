import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDouble } from '../../bench/slack-double.ts';
import { SLACK_LIMITS } from '../../bench/slack-limits.ts';

const BOT_TOKEN = 'xoxb-1111-2222-benchdouble';

let double: SlackDouble;
let now: number;

/** A call as Slack's own client sends it: form-encoded, the token in the Authorization header. */
function post(method: string, args: Record<string, string>, token = BOT_TOKEN) {
  return fetch(`${double.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(args).toString(),
  });
}

beforeEach(async () => {
  now = 0;
  double = await SlackDouble.start({ botToken: BOT_TOKEN, clock: () => now });
});

afterEach(async () => {
  await double.close();
});

describe('SlackDouble', () => {
  it('answers 429 with Retry-After once a channel has used its burst', async () => {
    const statuses: number[] = [];
    for (let index = 0; index <= SLACK_LIMITS.channelBurst; index += 1) {
      statuses.push((await post('chat.postMessage', { channel: 'C1', text: `m${index}` })).status);
    }

    const limited = await post('chat.postMessage', { channel: 'C1', text: 'again' });

    expect(statuses.slice(0, SLACK_LIMITS.channelBurst)).toEqual(
      Array(SLACK_LIMITS.channelBurst).fill(200),
    );
    expect(statuses.at(-1)).toBe(429);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(double.stats().rateLimited).toEqual({ 'chat.postMessage': 2 });
  });

  it('lets a channel post again a second later, and other channels meanwhile', async () => {
    for (let index = 0; index < SLACK_LIMITS.channelBurst; index += 1) {
      await post('chat.postMessage', { channel: 'C1', text: `m${index}` });
    }

    const other = await post('chat.postMessage', { channel: 'C2', text: 'elsewhere' });
    now += 1_000;
    const later = await post('chat.postMessage', { channel: 'C1', text: 'later' });

    expect(other.status).toBe(200);
    expect(later.status).toBe(200);
  });

  it('holds a Tier 4 method to its calls a minute', async () => {
    const perMinute = SLACK_LIMITS.tierPerMinute?.[4] ?? 0;
    const args = { filename: 'chart.png', length: '10' };
    for (let index = 0; index < perMinute; index += 1) {
      expect((await post('files.getUploadURLExternal', args)).status).toBe(200);
    }

    const limited = await post('files.getUploadURLExternal', args);

    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts the same text posted into the same thread twice as a duplicate', async () => {
    const nudge = { channel: 'C1', thread_ts: '1700000000.000100', text: 'Time to re-audit' };

    await post('chat.postMessage', nudge);
    now += 5_000;
    await post('chat.postMessage', { ...nudge, thread_ts: '1700000000.000200' });
    await post('chat.postMessage', { ...nudge, text: 'Another text' });
    now += 5_000;
    await post('chat.postMessage', nudge);

    expect(double.stats()).toMatchObject({ duplicates: 1, calls: { 'chat.postMessage': 4 } });
  });

  it('does not count a post it refused with 429 as posted', async () => {
    const nudge = { channel: 'C1', thread_ts: '1700000000.000100', text: 'Time to re-audit' };
    for (let index = 0; index < SLACK_LIMITS.channelBurst; index += 1) {
      await post('chat.postMessage', { channel: 'C1', text: `m${index}` });
    }

    const refused = await post('chat.postMessage', nudge);
    now += 1_000;
    const retried = await post('chat.postMessage', nudge);

    expect([refused.status, retried.status]).toEqual([429, 200]);
    expect(double.stats().duplicates).toBe(0);
  });

  it('refuses a call without the bot token as Slack does', async () => {
    const response = await post('chat.postMessage', { channel: 'C1', text: 'hi' }, 'xoxb-wrong');

    expect(await response.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it("serves Slack's own client an upload through the URL it hands out", async () => {
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: double.apiUrl });

    await client.files.uploadV2({
      channel_id: 'C1',
      thread_ts: '1700000000.000100',
      file: Buffer.from('png bytes'),
      filename: 'chart.png',
    });

    expect(double.calls.map((call) => call.method)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(double.calls.at(-1)).toMatchObject({ channel: 'C1', threadTs: '1700000000.000100' });
  });
});

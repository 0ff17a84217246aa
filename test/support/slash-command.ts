import { createHmac } from 'node:crypto';

/** Slash-command requests as Slack sends them: form-encoded, signed with the signing secret. */

export const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a5a36dedd4bea2543';
export const BOT_TOKEN = 'xoxb-1111-2222-testtokenvalue';

export interface CommandFields {
  text: string;
  responseUrl: string;
  channelId?: string;
  userId?: string;
  teamId?: string;
  /** Slack gives every invocation its own; a redelivery repeats it. */
  triggerId?: string;
}

let triggers = 0;

export function commandBody(fields: CommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token-unused',
    team_id: fields.teamId ?? 'T0001',
    team_domain: 'example',
    channel_id: fields.channelId ?? 'C0001',
    channel_name: 'architecture-review',
    user_id: fields.userId ?? 'U0001',
    user_name: 'reviewer',
    command: '/selfhost-check',
    text: fields.text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `${process.pid}.${(triggers += 1)}.trigger`,
  }).toString();
}

/** Slack's v0 signature: HMAC-SHA256 of `v0:timestamp:body` with the signing secret. */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${digest}`;
}

export interface SendOptions {
  /** Seconds since the epoch; now unless a test wants a stale request. */
  timestamp?: number;
  secret?: string;
  signature?: string;
  /** Extra headers, such as Slack's X-Slack-Retry-Num on a redelivery. */
  headers?: Record<string, string>;
}

/** POSTs a command to the app's events endpoint on loopback. */
export async function sendCommand(
  port: number,
  body: string,
  options: SendOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? sign(body, timestamp, options.secret);
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
      ...options.headers,
    },
    body,
  });
}

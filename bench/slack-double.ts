import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BucketSet, METHOD_TIERS, SLACK_LIMITS, type SlackLimits } from './slack-limits.ts';

/**
 * A local Slack Web API on 127.0.0.1 that answers like Slack for the methods the app calls, the
 * upload URL it hands out and a command's response_url, and holds callers to Slack's posting
 * limits: HTTP 429 with Retry-After past a channel's burst or a method's tier. It counts calls,
 * 429s and duplicate nudges (the same text posted into the same thread twice).
 */

export interface RecordedCall {
  /** The Web API method, or `upload` and `response_url`. */
  method: string;
  status: number;
  /** When the request was read, on the double's clock (ms). */
  at: number;
  channel?: string;
  threadTs?: string;
  text?: string;
  /** The id a response_url was made with (see `responseUrl`). */
  responseId?: string;
}

export interface SlackDoubleOptions {
  botToken: string;
  limits?: SlackLimits;
  /** Milliseconds on a monotonic clock; performance.now() unless a test moves time by hand. */
  clock?: () => number;
}

export interface SlackDoubleStats {
  calls: Record<string, number>;
  rateLimited: Record<string, number>;
  duplicates: number;
}

type Args = Record<string, string>;
type Reply = { status: number; body: Record<string, unknown> | string; retryAfter?: number };

/** Slack lets a response_url be used five times. */
const RESPONSE_URL_USES = 5;
const API_PATH = '/api/';
const UPLOAD_PATH = '/upload/v1/';
const RESPONSE_PATH = '/commands/';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The call's arguments, form-encoded or JSON; undefined when the JSON does not parse. */
function decodeArgs(request: IncomingMessage, body: Buffer): Args | undefined {
  const type = request.headers['content-type'] ?? '';
  const text = body.toString('utf8');
  if (!type.startsWith('application/json')) return Object.fromEntries(new URLSearchParams(text));

  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    );
  } catch {
    return undefined;
  }
}

function tokenOf(request: IncomingMessage, args: Args): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return args.token;
}

function count(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

export class SlackDouble {
  readonly calls: RecordedCall[] = [];
  limits: SlackLimits;
  readonly #server: Server;
  readonly #botToken: string;
  readonly #clock: () => number;
  readonly #buckets = new BucketSet();
  readonly #threadTexts = new Set<string>();
  readonly #responseUses = new Map<string, number>();
  readonly #listeners = new Set<(call: RecordedCall) => void>();
  #stats: SlackDoubleStats = { calls: {}, rateLimited: {}, duplicates: 0 };
  #sequence = 0;
  #origin = '';

  private constructor(options: SlackDoubleOptions) {
    this.limits = options.limits ?? SLACK_LIMITS;
    this.#botToken = options.botToken;
    this.#clock = options.clock ?? (() => performance.now());
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  static async start(options: SlackDoubleOptions): Promise<SlackDouble> {
    const double = new SlackDouble(options);
    await new Promise<void>((resolve) => double.#server.listen(0, '127.0.0.1', resolve));
    const { port } = double.#server.address() as AddressInfo;
    double.#origin = `http://127.0.0.1:${port}`;
    return double;
  }

  /** What the app takes as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.#origin}${API_PATH}`;
  }

  /** A response_url for one command. */
  responseUrl(id: string): string {
    return `${this.#origin}${RESPONSE_PATH}${encodeURIComponent(id)}`;
  }

  stats(): SlackDoubleStats {
    return structuredClone(this.#stats);
  }

  /** Calls `listener` with every call once answered; returns the way to stop. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets calls, counts and spent limits: the next phase starts as a fresh workspace. */
  reset(): void {
    this.calls.length = 0;
    this.#stats = { calls: {}, rateLimited: {}, duplicates: 0 };
    this.#buckets.clear();
    this.#threadTexts.clear();
    this.#responseUses.clear();
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const at = this.#clock();
    const path = request.url ?? '/';

    let call: RecordedCall;
    let reply: Reply;
    if (path.startsWith(API_PATH)) {
      const method = path.slice(API_PATH.length).split('?')[0] ?? '';
      const args = decodeArgs(request, body);
      call = { method, status: 200, at, ...where(args ?? {}) };
      reply =
        args === undefined
          ? slackError('invalid_json')
          : this.#api(method, args, tokenOf(request, args), at);
    } else if (path.startsWith(UPLOAD_PATH)) {
      call = { method: 'upload', status: 200, at };
      reply = { status: 200, body: `OK - ${body.length}` };
    } else if (path.startsWith(RESPONSE_PATH)) {
      const responseId = decodeURIComponent(path.slice(RESPONSE_PATH.length));
      call = { method: 'response_url', status: 200, at, responseId };
      reply = this.#respond(path);
    } else {
      call = { method: path, status: 404, at };
      reply = { status: 404, body: 'Not Found' };
    }

    call.status = reply.status;
    this.#record(call);
    send(response, reply);
  }

  #record(call: RecordedCall): void {
    this.calls.push(call);
    count(this.#stats.calls, call.method);
    if (call.status === 429) count(this.#stats.rateLimited, call.method);
    for (const listener of this.#listeners) listener(call);
  }

  #api(method: string, args: Args, token: string | undefined, now: number): Reply {
    const tier = METHOD_TIERS[method];
    if (tier === undefined) return slackError('unknown_method');
    if (token === undefined) return slackError('not_authed');
    if (token !== this.#botToken) return slackError('invalid_auth');

    const wait = this.#wait(method, tier, args, now);
    if (wait > 0) {
      return {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        retryAfter: Math.max(1, Math.ceil(wait / 1000)),
      };
    }
    return this.#answer(method, args);
  }

  /** Milliseconds until the call is allowed; 0 when it is allowed now (and counted). */
  #wait(method: string, tier: (typeof METHOD_TIERS)[string], args: Args, now: number): number {
    const { limits } = this;
    if (method === 'chat.postMessage' && args.channel !== undefined) {
      const key = `channel:${args.channel}`;
      return this.#buckets.take(key, limits.channelBurst, limits.channelPerSecond, now);
    }
    if (tier === 'special' || limits.tierPerMinute === null) return 0;

    const perMinute = limits.tierPerMinute[tier];
    return this.#buckets.take(`method:${method}`, perMinute, perMinute / 60, now);
  }

  #answer(method: string, args: Args): Reply {
    switch (method) {
      case 'auth.test':
        return ok({
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'selfhost-check',
          team_id: 'T0001',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
          is_enterprise_install: false,
        });
      case 'chat.postMessage':
        return this.#postMessage(args);
      case 'chat.postEphemeral':
        return args.channel === undefined
          ? slackError('channel_not_found')
          : ok({ message_ts: this.#ts() });
      case 'files.getUploadURLExternal':
        return this.#uploadUrl(args);
      case 'files.completeUploadExternal':
        return ok({ files: JSON.parse(args.files ?? '[]') as unknown[] });
      default:
        return slackError('method_not_supported_by_double');
    }
  }

  #postMessage(args: Args): Reply {
    if (args.channel === undefined) return slackError('channel_not_found');
    if (args.text === undefined && args.blocks === undefined) return slackError('no_text');

    if (args.thread_ts !== undefined) {
      const key = `${args.channel}\u0000${args.thread_ts}\u0000${args.text ?? args.blocks}`;
      if (this.#threadTexts.has(key)) this.#stats.duplicates += 1;
      this.#threadTexts.add(key);
    }

    const ts = this.#ts();
    return ok({ channel: args.channel, ts, message: { text: args.text ?? '', ts } });
  }

  #uploadUrl(args: Args): Reply {
    if (args.filename === undefined || !(Number(args.length) > 0)) {
      return slackError('invalid_arguments');
    }
    const fileId = `F${String(++this.#sequence).padStart(9, '0')}`;
    return ok({ upload_url: `${this.#origin}${UPLOAD_PATH}${fileId}`, file_id: fileId });
  }

  #respond(path: string): Reply {
    const uses = (this.#responseUses.get(path) ?? 0) + 1;
    this.#responseUses.set(path, uses);
    if (uses > RESPONSE_URL_USES) return { status: 404, body: 'used_url' };
    return { status: 200, body: 'ok' };
  }

  /** A message ts as Slack writes it: epoch seconds, then a sequence. */
  #ts(): string {
    this.#sequence += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.#sequence % 1e6).padStart(6, '0')}`;
  }
}

function where(args: Args): Pick<RecordedCall, 'channel' | 'threadTs' | 'text'> {
  const channel = args.channel ?? args.channel_id;
  return {
    ...(channel === undefined ? {} : { channel }),
    ...(args.thread_ts === undefined ? {} : { threadTs: args.thread_ts }),
    ...(args.text === undefined ? {} : { text: args.text }),
  };
}

function ok(body: Record<string, unknown>): Reply {
  return { status: 200, body: { ok: true, ...body } };
}

function slackError(error: string): Reply {
  return { status: 200, body: { ok: false, error } };
}

function send(response: ServerResponse, reply: Reply): void {
  const json = typeof reply.body !== 'string';
  const headers: Record<string, string> = {
    'Content-Type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
  };
  if (reply.retryAfter !== undefined) headers['Retry-After'] = String(reply.retryAfter);

  response.writeHead(reply.status, headers);
  response.end(json ? JSON.stringify(reply.body) : reply.body);
}

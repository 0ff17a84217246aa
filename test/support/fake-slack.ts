import { createServer } from 'node:net';
import nock from 'nock';
import { type Args, decodeBody, type Headers, webApiProblems } from './slack-contract.ts';

/**
 * Slack faked at HTTP level with nock, every address on 127.0.0.1: the Web API (each call
 * checked against the method's contract), the upload URL files.getUploadURLExternal hands out,
 * and a command's response_url. Each request lands in `calls`, in the order it arrived.
 */

export interface RecordedCall {
  kind: 'api' | 'upload' | 'respond';
  /** The Web API method, or the path for uploads and responses. */
  name: string;
  args: Args;
  headers: Headers;
  /** Bytes received, for uploads. */
  bytes: number;
  /** The body as nock saw it (hex for binary uploads). */
  raw: string;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface ReplyOptions {
  /** The reply waits for this promise: lets a test hold Slack's answer while it looks around. */
  hold?: Promise<unknown>;
  /** HTTP status of the reply (200 unless set), and its headers. */
  status?: number;
  headers?: Record<string, string>;
}

type Body = Record<string, unknown>;

/** A promise a test opens when it chooses. */
export function gate(): { closed: Promise<void>; open: () => void } {
  let open = () => {};
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { closed, open };
}

/** A port nothing listens on: bound for a moment by the OS, then released. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function bodyLength(body: unknown): number {
  if (typeof body !== 'string') return 0;
  // nock hands binary bodies over hex-encoded.
  return /^[0-9a-f]+$/i.test(body) ? body.length / 2 : Buffer.byteLength(body);
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly apiUrl: string;
  readonly uploadUrl: string;
  readonly responseUrl: string;
  readonly #origin: string;

  constructor(port: number) {
    this.#origin = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.#origin}/api/`;
    this.uploadUrl = `${this.#origin}/upload/v1/chart`;
    this.responseUrl = `${this.#origin}/commands/T0001/1/response`;
  }

  static async start(): Promise<FakeSlack> {
    return new FakeSlack(await freePort());
  }

  /** Contract breaches of every Web API call so far. */
  contractProblems(): string[] {
    return this.calls
      .filter((call) => call.kind === 'api')
      .flatMap((call) => webApiProblems(call.name, call.args, call.headers));
  }

  /** What the app asked for, in order: `chat.postMessage`, `upload`, `respond`… */
  sequence(): string[] {
    return this.calls.map((call) => (call.kind === 'api' ? call.name : call.kind));
  }

  callsTo(name: string): RecordedCall[] {
    return this.calls.filter((call) => call.name === name);
  }

  /** One Web API call answered with `body` (ok: true added unless the body says otherwise). */
  method(name: string, body: Body = {}, options: ReplyOptions = {}): this {
    this.#intercept('api', `/api/${name}`, name, { ok: true, ...body }, options);
    return this;
  }

  /** One Web API call failing with Slack's error code. */
  failing(name: string, error: string): this {
    return this.method(name, { ok: false, error });
  }

  /** One Web API call answered with an HTTP error: 429 with Retry-After, a 5xx. */
  httpError(name: string, status: number, headers: Record<string, string> = {}): this {
    this.#intercept('api', `/api/${name}`, name, { ok: false }, { status, headers });
    return this;
  }

  /** Arrival times (ms) of the calls to one method, for checking back-off. */
  arrivals(name: string): number[] {
    return this.callsTo(name).map((call) => call.at);
  }

  /** files.getUploadURLExternal, the upload itself and files.completeUploadExternal. */
  upload(fileId = 'F0CHART01'): this {
    this.method('files.getUploadURLExternal', { upload_url: this.uploadUrl, file_id: fileId });
    this.#intercept('upload', new URL(this.uploadUrl).pathname, 'upload', 'OK - 1234', {});
    return this.method('files.completeUploadExternal', { files: [{ id: fileId, title: 'chart' }] });
  }

  /** The command's response_url, taking one ephemeral reply. */
  respond(options: ReplyOptions = {}): this {
    this.#intercept('respond', new URL(this.responseUrl).pathname, 'respond', 'ok', options);
    return this;
  }

  /** Interceptors set up but never called. */
  pending(): string[] {
    return nock.pendingMocks();
  }

  #intercept(
    kind: RecordedCall['kind'],
    path: string,
    name: string,
    reply: Body | string,
    options: ReplyOptions,
  ): void {
    const calls = this.calls;
    nock(this.#origin)
      .post(path)
      .reply(function (_uri, body, callback) {
        calls.push({
          kind,
          name,
          args: kind === 'upload' ? {} : decodeBody(body),
          headers: this.req.headers as Headers,
          bytes: bodyLength(body),
          raw: typeof body === 'string' ? body : JSON.stringify(body),
          at: Date.now(),
        });
        const send = () => callback(null, [options.status ?? 200, reply, options.headers ?? {}]);
        if (options.hold === undefined) send();
        else void options.hold.then(send);
      });
  }
}

/** Only loopback, and only the app under test, may be reached for real. */
export function allowOnlyApp(port: number): void {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host === `127.0.0.1:${port}`);
}

/** Forget every interceptor; real connections stay refused. */
export function resetNetwork(): void {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.disableNetConnect();
}

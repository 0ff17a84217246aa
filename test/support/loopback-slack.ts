import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Args, decodeBody, type Headers, webApiProblems } from './slack-contract.ts';

/**
 * Slack as a real HTTP server on 127.0.0.1, for an app running in another process, where nock
 * cannot reach: the Web API methods the answer and the nudges call, the upload URL and the
 * response_url. Every request lands in `calls`; each Web API call is checked against its
 * method's contract.
 */

export interface LoopbackCall {
  kind: 'api' | 'upload' | 'respond';
  name: string;
  args: Args;
  headers: Headers;
  bytes: number;
}

type Reply = Record<string, unknown>;

export class LoopbackSlack {
  readonly calls: LoopbackCall[] = [];
  readonly #server: Server;
  readonly #origin: string;
  #posts = 0;
  #uploads = 0;

  private constructor(server: Server) {
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.#origin = `http://127.0.0.1:${port}`;
  }

  static async start(): Promise<LoopbackSlack> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    const slack = new LoopbackSlack(server);
    server.on('request', (request, response) => void slack.#handle(request, response));
    return slack;
  }

  get apiUrl(): string {
    return `${this.#origin}/api/`;
  }

  get responseUrl(): string {
    return `${this.#origin}/commands/T0001/1/response`;
  }

  callsTo(name: string): LoopbackCall[] {
    return this.calls.filter((call) => call.name === name);
  }

  contractProblems(): string[] {
    return this.calls
      .filter((call) => call.kind === 'api')
      .flatMap((call) => webApiProblems(call.name, call.args, call.headers));
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #apiReply(method: string): Reply {
    switch (method) {
      case 'auth.test':
        return { user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0001' };
      case 'chat.postMessage':
        this.#posts += 1;
        return { channel: 'C0001', ts: `1764579600.${String(this.#posts).padStart(6, '0')}` };
      case 'files.getUploadURLExternal':
        this.#uploads += 1;
        return {
          upload_url: `${this.#origin}/upload/${this.#uploads}`,
          file_id: `F0CHART${this.#uploads}`,
        };
      case 'files.completeUploadExternal':
        return { files: [{ id: `F0CHART${this.#uploads}`, title: 'chart' }] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = request.url ?? '';
    const headers = request.headers as Headers;

    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const args = decodeBody(body.toString('utf8'));
      this.calls.push({ kind: 'api', name: method, args, headers, bytes: body.length });
      const reply = { ok: true, ...this.#apiReply(method) };
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(reply));
      return;
    }

    const kind = path.startsWith('/upload/') ? 'upload' : 'respond';
    this.calls.push({ kind, name: kind, args: {}, headers, bytes: body.length });
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end('OK');
  }
}

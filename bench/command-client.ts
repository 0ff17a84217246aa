import { Agent, request } from 'node:http';
import { EVENTS_PATH } from '../src/config.ts';
import { commandBody, sign } from '../test/support/slash-command.ts';

/**
 * Sends signed `/selfhost-check` commands to an app on 127.0.0.1 as Slack does, over kept-alive
 * connections, and times each until the app's acknowledgement has been read.
 */

export interface Acknowledged {
  status: number;
  /** From writing the request to reading the whole response. */
  ms: number;
}

export interface Command {
  text: string;
  channelId: string;
  responseUrl: string;
}

export class CommandClient {
  readonly #port: number;
  readonly #agent = new Agent({ keepAlive: true });

  constructor(port: number) {
    this.#port = port;
  }

  send(command: Command): Promise<Acknowledged> {
    const body = commandBody({
      text: command.text,
      channelId: command.channelId,
      responseUrl: command.responseUrl,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': Buffer.byteLength(body),
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': sign(body, timestamp),
    };

    return new Promise((resolve, reject) => {
      const started = performance.now();
      const sent = request(
        {
          host: '127.0.0.1',
          port: this.#port,
          path: EVENTS_PATH,
          method: 'POST',
          headers,
          agent: this.#agent,
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
          );
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

import type { RecordedCall, SlackDouble } from './slack-double.ts';

/**
 * Watches the Slack double for the end of each command's answer: the chart upload completed in
 * the command's channel (the last Web API call of the threaded answer), or a reply through the
 * command's response_url, which the app only sends when it could not answer in the channel.
 * Each command uses its own channel, and its response_url is made with that channel's id.
 */

export type AnswerEnd = { answered: boolean; at: number };

export class AnswerWatch {
  readonly #ended = new Map<string, AnswerEnd>();
  readonly #waiting = new Map<string, (end: AnswerEnd) => void>();
  readonly #stop: () => void;

  constructor(double: SlackDouble) {
    this.#stop = double.onCall((call) => this.#see(call));
  }

  /** Resolves when the answer in `channel` has ended, or rejects after `timeoutMs`. */
  end(channel: string, timeoutMs = 60_000): Promise<AnswerEnd> {
    const ended = this.#ended.get(channel);
    if (ended !== undefined) return Promise.resolve(ended);

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer in ${channel}`)), timeoutMs);
      this.#waiting.set(channel, (end) => {
        clearTimeout(timer);
        resolve(end);
      });
    });
  }

  close(): void {
    this.#stop();
  }

  #see(call: RecordedCall): void {
    const uploaded = call.method === 'files.completeUploadExternal' && call.status === 200;
    const channel = uploaded ? call.channel : call.responseId;
    if (channel === undefined || (!uploaded && call.method !== 'response_url')) return;
    if (this.#ended.has(channel)) return;

    const end = { answered: uploaded, at: call.at };
    this.#ended.set(channel, end);
    this.#waiting.get(channel)?.(end);
    this.#waiting.delete(channel);
  }
}

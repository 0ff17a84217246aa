import type { AnswerWatch } from './answer-watch.ts';
import type { Command, CommandClient } from './command-client.ts';
import type { SlackDouble } from './slack-double.ts';
import { sleep } from './stats.ts';

/** The e2e test's workload, its volume varied so that the answers are not all the same. */
export function workloadText(index: number): string {
  const thousands = 150 * ((index % 20) + 1);
  return (
    `${thousands}k requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, ` +
    '80% cache'
  );
}

/** A command in its own channel, its response_url named after that channel. */
export function commandIn(double: SlackDouble, channelId: string, index: number): Command {
  return { text: workloadText(index), channelId, responseUrl: double.responseUrl(channelId) };
}

export interface AckRun {
  latencies: number[];
  /** Commands the app did not acknowledge with HTTP 200. */
  refused: number;
  channels: string[];
}

/** Answers the app is still working on, and how many may be, for `sendOneByOne`. */
export interface AnswerWindow {
  watch: AnswerWatch;
  limit: number;
}

export interface Pacing {
  /** Before each command, wait until fewer answers than the limit are still to come. */
  window?: AnswerWindow;
  /**
   * Then wait a random time in this range (ms), so that the app is idle when the command arrives
   * and arrivals do not fall in step with what the app does after each answer (its collections).
   */
  pauseMs?: [number, number];
}

/** Sends `count` commands one after another, each once the previous one was acked and paced. */
export async function sendOneByOne(
  client: CommandClient,
  double: SlackDouble,
  prefix: string,
  count: number,
  pacing: Pacing = {},
): Promise<AckRun> {
  const { window, pauseMs } = pacing;
  const run: AckRun = { latencies: [], refused: 0, channels: [] };
  const outstanding = new Set<Promise<unknown>>();
  for (let index = 0; index < count; index += 1) {
    while (window !== undefined && outstanding.size >= window.limit) {
      await Promise.race(outstanding);
    }
    if (pauseMs !== undefined) await sleep(pauseMs[0] + Math.random() * (pauseMs[1] - pauseMs[0]));

    const channel = `${prefix}${index}`;
    const ack = await client.send(commandIn(double, channel, index));
    run.latencies.push(ack.ms);
    run.channels.push(channel);
    if (ack.status !== 200) run.refused += 1;

    if (window !== undefined) {
      const answer = window.watch.end(channel).catch(() => undefined);
      outstanding.add(answer);
      void answer.then(() => outstanding.delete(answer));
    }
  }
  return run;
}

export interface AnswerRun {
  /** Milliseconds from sending each command to the last call of its answer. */
  times: number[];
  /** Commands answered only to the person (a failure), or not at all in time. */
  unanswered: number;
}

/** Sends `concurrency` commands at once, `rounds` times, and times each answer. */
export async function timeAnswers(
  client: CommandClient,
  double: SlackDouble,
  watch: AnswerWatch,
  options: { prefix: string; concurrency: number; rounds: number },
): Promise<AnswerRun> {
  const run: AnswerRun = { times: [], unanswered: 0 };

  const one = async (channel: string, index: number) => {
    const started = performance.now();
    await client.send(commandIn(double, channel, index));
    const end = await watch.end(channel).catch(() => undefined);
    if (end?.answered) run.times.push(end.at - started);
    else run.unanswered += 1;
  };

  for (let round = 0; round < options.rounds; round += 1) {
    const channels = Array.from(
      { length: options.concurrency },
      (_, index) => `${options.prefix}${round}x${index}`,
    );
    await Promise.all(channels.map((channel, index) => one(channel, index)));
  }
  return run;
}

/** Waits for the answer of each channel; returns how many ended in the channel. */
export async function awaitAnswers(
  watch: AnswerWatch,
  channels: readonly string[],
  timeoutMs: number,
): Promise<{ answered: number; unanswered: number }> {
  const ends = await Promise.all(
    channels.map((channel) => watch.end(channel, timeoutMs).catch(() => undefined)),
  );
  const answered = ends.filter((end) => end?.answered).length;
  return { answered, unanswered: channels.length - answered };
}

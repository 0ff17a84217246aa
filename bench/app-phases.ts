import { AnswerWatch } from './answer-watch.ts';
import { CommandClient } from './command-client.ts';
import {
  type AckRun,
  type AnswerRun,
  awaitAnswers,
  type Pacing,
  sendOneByOne,
  timeAnswers,
} from './commands.ts';
import { type AppLogs, type ProcessMemory, startAppProcess } from './processes.ts';
import type { SlackDouble } from './slack-double.ts';
import { SLACK_LIMITS } from './slack-limits.ts';

/**
 * The phases that need the apps: each app in its own process, sent signed commands by the same
 * client. Acks are timed one command at a time, each 10 to 50 ms after the previous answer landed
 * (the previous ack for bare Bolt), so that either app is idle and the figure is the ack path;
 * then again with up to 20 answers in the works, the load a busy workspace puts on the thread
 * that acks.
 */

export interface AppCounts {
  warmUp: number;
  acks: number;
  acksUnderLoad: number;
  answersInFlight: number;
  answersAlone: number;
  answersAtOnce: { concurrency: number; rounds: number };
}

export interface AppRuns {
  bare: AckRun;
  real: AckRun;
  underLoad: AckRun;
  /** Answers of the quiet ack phase that ended in the channel, and those that did not. */
  answered: number;
  unanswered: number;
  memoryAtStart: ProcessMemory;
  memoryAfterAnswers: ProcessMemory;
  memoryAtEnd: ProcessMemory;
  alone: AnswerRun;
  atOnce: AnswerRun;
  rateLimited: number;
  logs: AppLogs;
}

const ANSWER_TIMEOUT_MS = 60_000;
/** The pause before each quiet command, for the app to finish what it was doing. */
const IDLE_MS: [number, number] = [10, 50];

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

async function acks(
  port: number,
  double: SlackDouble,
  prefix: string,
  counts: { warmUp: number; count: number },
  pacing: Pacing,
): Promise<AckRun> {
  const client = new CommandClient(port);
  try {
    await sendOneByOne(client, double, `${prefix}w`, counts.warmUp, pacing);
    return await sendOneByOne(client, double, prefix, counts.count, pacing);
  } finally {
    client.close();
  }
}

/** Ack latency, answers and memory of the real app, beside a bare Bolt app that only acks. */
export async function measureApps(
  double: SlackDouble,
  databasePath: string,
  counts: AppCounts,
  progress: (text: string) => void,
): Promise<AppRuns> {
  const watch = new AnswerWatch(double);
  const bare = await startAppProcess('bare', double.apiUrl, databasePath);
  const real = await startAppProcess('real', double.apiUrl, databasePath);
  let rateLimited = 0;
  const phase = (limits: typeof SLACK_LIMITS) => {
    rateLimited += sum(double.stats().rateLimited);
    double.reset();
    double.limits = limits;
  };

  try {
    // A thousand chart uploads in one workspace take ten minutes at Tier 4's 100 a minute: the
    // ack phases lift the tier limits and keep the per-channel one, a channel a command.
    phase({ ...SLACK_LIMITS, tierPerMinute: null });
    const quiet = { warmUp: counts.warmUp, count: counts.acks };
    progress(`acks: ${counts.acks} to the bare Bolt app`);
    const bareRun = await acks(bare.port, double, 'CB', quiet, { pauseMs: IDLE_MS });
    progress(`acks: ${counts.acks} to selfhost-check, each answered before the next`);
    const idle = { window: { watch, limit: 1 }, pauseMs: IDLE_MS };
    const realRun = await acks(real.port, double, 'CA', quiet, idle);
    const answers = await awaitAnswers(watch, realRun.channels, ANSWER_TIMEOUT_MS);
    const memoryAfterAnswers = await real.memory();

    progress(`acks: ${counts.acksUnderLoad} with up to ${counts.answersInFlight} answering`);
    const loaded = { warmUp: 0, count: counts.acksUnderLoad };
    const busy = { window: { watch, limit: counts.answersInFlight } };
    const underLoad = await acks(real.port, double, 'CL', loaded, busy);
    await awaitAnswers(watch, underLoad.channels, ANSWER_TIMEOUT_MS);

    const client = new CommandClient(real.port);
    phase(SLACK_LIMITS);
    progress('time to answer: one command at a time');
    const alone = await timeAnswers(client, double, watch, {
      prefix: 'C1x',
      concurrency: 1,
      rounds: counts.answersAlone,
    });
    phase(SLACK_LIMITS);
    progress(`time to answer: ${counts.answersAtOnce.concurrency} commands at once`);
    const atOnce = await timeAnswers(client, double, watch, {
      prefix: 'C20x',
      ...counts.answersAtOnce,
    });
    client.close();
    phase(SLACK_LIMITS);

    return {
      bare: bareRun,
      real: realRun,
      underLoad,
      ...answers,
      memoryAtStart: real.memoryAtStart,
      memoryAfterAnswers,
      memoryAtEnd: await real.memory(),
      alone,
      atOnce,
      rateLimited,
      logs: real.logs,
    };
  } finally {
    watch.close();
    await Promise.all([bare.stop(), real.stop()]);
  }
}

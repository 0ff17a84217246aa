import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../blocks/kit.ts';
import { type AnswerStep, CHART_FILENAME, CHART_TITLE, chartMissing } from '../blocks/texts.ts';

type WebClient = webApi.WebClient;

/** Slack errors that mean the bot cannot post where the command was typed. */
export const NOT_IN_CHANNEL_ERRORS = ['not_in_channel', 'channel_not_found'] as const;

/** A Slack call of the answer failed; `slackError` is Slack's own code where it gave one. */
export class AnswerDeliveryError extends Error {
  readonly code = 'answer_delivery_failed';
  readonly step: AnswerStep;
  readonly slackError: string;

  constructor(step: AnswerStep, slackError: string, cause: unknown) {
    super(`${step}: ${slackError}`, { cause });
    this.name = 'AnswerDeliveryError';
    this.step = step;
    this.slackError = slackError;
  }

  get botNotInChannel(): boolean {
    return (NOT_IN_CHANNEL_ERRORS as readonly string[]).includes(this.slackError);
  }
}

/**
 * Slack's error code from a Web API failure (`not_in_channel`); for an HTTP failure with no
 * Slack code, its status (`http_503`); else the client's own code (a timeout's request error).
 */
export function slackErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown_error';
  const { code, data, statusCode } = error as {
    code?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
  };
  if (typeof data?.error === 'string') return data.error;
  if (typeof statusCode === 'number') return `http_${statusCode}`;
  return typeof code === 'string' ? code : 'unknown_error';
}

async function attempt<T>(step: AnswerStep, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AnswerDeliveryError(step, slackErrorCode(error), error);
  }
}

export interface Answer {
  channel: string;
  /** The thread to answer in; without it a parent message starts a new thread. */
  threadTs?: string;
  parent: SlackMessage;
  /** Called once the thread exists, before its figures are posted: the audit records it. */
  onThread?: (threadTs: string) => Promise<void>;
  thread: SlackMessage;
  chart: () => Promise<Buffer>;
}

async function postParent(client: WebClient, answer: Answer): Promise<string> {
  const { channel } = answer;
  const posted = await attempt('parent', () =>
    client.chat.postMessage({ channel, text: answer.parent.text, blocks: answer.parent.blocks }),
  );
  if (posted.ts === undefined) throw new AnswerDeliveryError('parent', 'no_ts_returned', posted);
  return posted.ts;
}

export interface DeliveredAnswer {
  threadTs: string;
  /** Slack's error when the chart could not be uploaded; the thread says it is missing. */
  chartError?: string;
}

/**
 * Posts the parent message (unless the answer goes into an existing thread), the figures in its
 * thread, then the chart into the same thread. Throws AnswerDeliveryError naming the step when
 * the answer itself cannot be posted. A chart Slack refuses does not withhold the answer: the
 * thread says the chart is missing, and the result carries Slack's error.
 */
export async function deliverAnswer(client: WebClient, answer: Answer): Promise<DeliveredAnswer> {
  const { channel } = answer;
  const threadTs = answer.threadTs ?? (await postParent(client, answer));
  await answer.onThread?.(threadTs);

  await attempt('thread', () =>
    client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: answer.thread.text,
      blocks: answer.thread.blocks,
    }),
  );

  try {
    await client.files.uploadV2({
      channel_id: channel,
      thread_ts: threadTs,
      file: await answer.chart(),
      filename: CHART_FILENAME,
      title: CHART_TITLE,
    });
    return { threadTs };
  } catch (error) {
    const chartError = slackErrorCode(error);
    await attempt('chart', () =>
      client.chat.postMessage({ channel, thread_ts: threadTs, text: chartMissing(chartError) }),
    );
    return { threadTs, chartError };
  }
}

import {
  buildInternalFailure,
  buildNotInChannel,
  buildSlackFailure,
  buildStoreFailure,
  buildWorkloadProblem,
} from '../blocks/errors.ts';
import type { SlackMessage } from '../blocks/kit.ts';
import { buildNotInConversation } from '../blocks/notices.ts';
import { WorkloadError } from '../engine/errors.ts';
import type { Logger } from '../logger.ts';
import { StoreError } from '../store/errors.ts';
import { AnswerDeliveryError } from './answer-delivery.ts';

export interface FailedAnswer {
  /** Where the answer was to go, when that was known before it failed. */
  channelId?: string | undefined;
  /** What the person asked for, echoed back when the workload was the problem. */
  text: string;
}

/**
 * What to tell the person whose answer did not reach Slack, logged at the level the failure
 * deserves: a channel the bot is not in is expected, a Slack or database failure is not.
 */
export function failureReply(error: unknown, logger: Logger, failed: FailedAnswer): SlackMessage {
  if (error instanceof AnswerDeliveryError) {
    const where = { step: error.step, slackError: error.slackError, channel: failed.channelId };
    if (error.botNotInChannel) {
      logger.warn('answer dropped: bot not in channel', where);
      return failed.channelId === undefined
        ? buildNotInChannel()
        : buildNotInConversation(failed.channelId);
    }
    logger.error('answer delivery failed', where);
    return buildSlackFailure(error.step, error.slackError);
  }

  if (error instanceof WorkloadError) {
    logger.info('workload not evaluated', { code: error.code });
    return buildWorkloadProblem(error.message, failed.text);
  }

  if (error instanceof StoreError) {
    logger.error('audit not stored', { code: error.code, error });
    return buildStoreFailure();
  }

  logger.error('answer failed', { error });
  return buildInternalFailure();
}

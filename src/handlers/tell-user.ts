import type { RespondFn, webApi } from '@slack/bolt';
import type { SlackMessage } from '../blocks/kit.ts';
import type { Logger } from '../logger.ts';
import { slackErrorCode } from './answer-delivery.ts';

/** The person to tell, and where they were when they asked. */
export interface Recipient {
  userId: string;
  /** Where to show the reply as an ephemeral message; without it, a direct message. */
  channelId?: string;
}

async function directMessage(
  client: webApi.WebClient,
  logger: Logger,
  userId: string,
  reply: SlackMessage,
): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text: reply.text, blocks: reply.blocks });
  } catch (error) {
    logger.error('direct message failed', { slackError: slackErrorCode(error) });
  }
}

/**
 * A reply only this person sees: an ephemeral message where they were, or, when the bot cannot
 * post there either, a direct message from the app. A failure of both is logged, never thrown.
 */
export async function tellUser(
  client: webApi.WebClient,
  logger: Logger,
  recipient: Recipient,
  reply: SlackMessage,
): Promise<void> {
  const { channelId, userId } = recipient;
  if (channelId === undefined) return directMessage(client, logger, userId, reply);

  try {
    await client.chat.postEphemeral({
      channel: channelId,
      user: userId,
      text: reply.text,
      blocks: reply.blocks,
    });
  } catch (error) {
    logger.warn('ephemeral reply failed; sending a direct message', {
      channel: channelId,
      slackError: slackErrorCode(error),
    });
    await directMessage(client, logger, userId, reply);
  }
}

/** An ephemeral reply to a button or select, through the message's response_url. */
export async function replyToAction(
  respond: RespondFn,
  logger: Logger,
  reply: SlackMessage,
): Promise<void> {
  try {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: reply.text,
      blocks: reply.blocks,
    });
  } catch (error) {
    logger.error('ephemeral reply failed', { error });
  }
}

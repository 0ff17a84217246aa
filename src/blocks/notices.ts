import { escapeMrkdwn } from './format.ts';
import { message, type SlackMessage, section } from './kit.ts';
import { modalFailure, notInConversation } from './texts.ts';

/** A short reply to one person: the same words as text and as one section. */
export function buildNotice(text: string, emoji = ':information_source:'): SlackMessage {
  return message(text, [section(`${emoji} ${text}`)]);
}

/** The answer from the form could not go to the channel picked: say how to add the bot. */
export function buildNotInConversation(channelId: string): SlackMessage {
  return buildNotice(notInConversation(channelId), ':wave:');
}

/** views.open failed, so the form never appeared. */
export function buildModalFailure(slackError: string): SlackMessage {
  return buildNotice(modalFailure(escapeMrkdwn(slackError)), ':x:');
}

import type { types } from '@slack/bolt';
import { clampText } from './format.ts';

export type Block = types.KnownBlock;

/** One message: the blocks people see and the text notifications and screen readers use. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

// Slack's documented maxima; builders cut text to them rather than have Slack reject the post.
export const LIMITS = {
  messageBlocks: 50,
  sectionText: 3_000,
  sectionFields: 10,
  fieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  /** The message's top-level text; Slack truncates past about 40,000, notifications far sooner. */
  messageText: 3_000,
} as const;

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clampText(text, LIMITS.headerText) } };
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clampText(mrkdwn, LIMITS.sectionText) } };
}

export function fields(items: readonly string[]): Block {
  return {
    type: 'section',
    fields: items
      .slice(0, LIMITS.sectionFields)
      .map((text) => ({ type: 'mrkdwn', text: clampText(text, LIMITS.fieldText) })),
  };
}

export function context(items: readonly string[]): Block {
  return {
    type: 'context',
    elements: items
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: clampText(text, LIMITS.sectionText) })),
  };
}

export function divider(): Block {
  return { type: 'divider' };
}

/** A titled block of text: *Title* then the body. */
export function titled(title: string, body: string): Block {
  return section(`*${title}*\n${body}`);
}

/** Lines grouped into sections that each stay under Slack's section text limit. */
export function sectionsOf(lines: readonly string[]): Block[] {
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.at(-1);
    const joined = last === undefined ? line : `${last}\n${line}`;
    if (last !== undefined && joined.length <= LIMITS.sectionText)
      chunks[chunks.length - 1] = joined;
    else chunks.push(line);
  }
  return chunks.map((chunk) => section(chunk));
}

export function message(text: string, blocks: Block[]): SlackMessage {
  return {
    text: clampText(text, LIMITS.messageText),
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

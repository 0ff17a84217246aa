import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { Store, TeamScope } from '../store/index.ts';

/** What the buttons on a nudge need: the store, the clock and the logger. */
export interface ButtonDependencies {
  store: Store;
  logger: Logger;
  now: () => Date;
}

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Whom a button speaks for, and the audit it names. */
export interface ButtonTarget {
  scope: TeamScope;
  auditId: string;
  userId: string;
}

// Audit ids are 16 url-safe characters; a little slack for ids of another length.
const auditIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The caller's team and the audit the button names; undefined when either is missing. */
export function buttonTarget(args: ButtonArgs): ButtonTarget | undefined {
  const { body, action } = args;
  const teamId = body.team?.id ?? body.user.team_id;
  const auditId = auditIdSchema.safeParse(action.value);

  if (teamId === undefined || !auditId.success) return undefined;

  const enterpriseId = body.enterprise?.id ?? body.team?.enterprise_id ?? null;
  return { scope: { teamId, enterpriseId }, auditId: auditId.data, userId: body.user.id };
}

/**
 * An ephemeral reply to the person who clicked, through the message's response_url. A button on
 * a view (the Home tab) has none: there the listener's log line is all that is said.
 */
export async function replyToClicker(args: ButtonArgs, text: string, logger: Logger) {
  // Bolt leaves respond unset when the payload carries no response_url.
  const respond = args.body.response_url ? args.respond : undefined;
  if (respond === undefined) return;

  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    logger.error('ephemeral reply failed', { error });
  }
}

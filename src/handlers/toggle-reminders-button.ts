import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  webApi,
} from '@slack/bolt';
import { slackDate } from '../blocks/format.ts';
import { buildNotice } from '../blocks/notices.ts';
import {
  AUDIT_NOT_FOUND,
  REMINDERS_FAILED,
  REMINDERS_NOT_ALLOWED,
  REMINDERS_TURNED_OFF,
  remindersOn,
} from '../blocks/texts.ts';
import type { Logger } from '../logger.ts';
import type { Audit, Store } from '../store/index.ts';
import { slackErrorCode } from './answer-delivery.ts';
import { teamScopeOf } from './team-scope.ts';
import { replyToAction } from './tell-user.ts';

export interface ToggleRemindersDependencies {
  store: Store;
  logger: Logger;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** A workspace admin or owner, as Slack says; a failed look-up counts as neither. */
async function isWorkspaceAdmin(
  client: webApi.WebClient,
  logger: Logger,
  userId: string,
): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.is_admin === true || user?.is_owner === true;
  } catch (error) {
    logger.warn('admin check failed', { user: userId, slackError: slackErrorCode(error) });
    return false;
  }
}

function remindersRunning(audit: Audit): boolean {
  return audit.remindersEnabled && audit.stoppedReason === null;
}

async function toggle(args: ButtonArgs, deps: ToggleRemindersDependencies): Promise<void> {
  const { action, body, client, respond } = args;
  const scope = teamScopeOf(body);
  const thread = await deps.store.audits.getThread(scope, action.value ?? '');
  if (thread === undefined) {
    deps.logger.warn('reminders: audit not found in this team', { user: body.user.id });
    return replyToAction(respond, deps.logger, buildNotice(AUDIT_NOT_FOUND));
  }

  const { audit } = thread;
  const allowed =
    body.user.id === audit.userId || (await isWorkspaceAdmin(client, deps.logger, body.user.id));
  if (!allowed) {
    deps.logger.info('reminders: not the author or an admin', { audit: audit.id });
    return replyToAction(respond, deps.logger, buildNotice(REMINDERS_NOT_ALLOWED, ':lock:'));
  }

  const updated = await deps.store.audits.setReminders(scope, audit.id, !remindersRunning(audit));
  if (updated === undefined) {
    return replyToAction(respond, deps.logger, buildNotice(AUDIT_NOT_FOUND));
  }

  const on = remindersRunning(updated);
  deps.logger.info('reminders turned', { audit: audit.id, on });
  const due = updated.nextNudgeAt === null ? null : slackDate(updated.nextNudgeAt);
  return replyToAction(
    respond,
    deps.logger,
    buildNotice(on ? remindersOn(due) : REMINDERS_TURNED_OFF),
  );
}

/**
 * "Reminders on/off" under an answer: turns the thread's quarterly re-audit off, or back on. Only
 * the person who asked or a workspace admin may; anyone else is told why, and nothing changes.
 */
export function toggleRemindersButton(deps: ToggleRemindersDependencies) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      await toggle(args, deps);
    } catch (error) {
      deps.logger.error('reminders not changed', { error });
      await replyToAction(args.respond, deps.logger, buildNotice(REMINDERS_FAILED, ':x:'));
    }
  };
}

import {
  AUDIT_NOT_FOUND,
  BUTTON_FAILED,
  REMINDERS_ALREADY_STOPPED,
  REMINDERS_STOPPED,
  STOP_NOT_ALLOWED,
} from '../blocks/texts.ts';
import { STOPPED_BY_USER } from '../store/index.ts';
import { slackErrorCode } from './answer-delivery.ts';
import {
  type ButtonArgs,
  type ButtonDependencies,
  type ButtonTarget,
  buttonTarget,
  replyToClicker,
} from './audit-button.ts';

/** The audit's author may stop its reminders; so may a workspace admin or owner. */
async function mayStop(
  args: ButtonArgs,
  target: ButtonTarget,
  authorId: string,
  deps: ButtonDependencies,
): Promise<boolean> {
  if (target.userId === authorId) return true;

  try {
    const { user } = await args.client.users.info({ user: target.userId });
    return user?.is_admin === true || user?.is_owner === true;
  } catch (error) {
    deps.logger.warn('users.info failed; the clicker is taken not to be an admin', {
      user: target.userId,
      slackError: slackErrorCode(error),
    });
    return false;
  }
}

async function stopReminders(args: ButtonArgs, deps: ButtonDependencies): Promise<string> {
  const target = buttonTarget(args);
  if (target === undefined) {
    deps.logger.warn('stop dropped: no team or audit id in the click');
    return AUDIT_NOT_FOUND;
  }

  const thread = await deps.store.audits.getThread(target.scope, target.auditId);
  if (thread === undefined) {
    deps.logger.warn('stop dropped: audit not in this team', { auditId: target.auditId });
    return AUDIT_NOT_FOUND;
  }

  if (!thread.audit.remindersEnabled) return REMINDERS_ALREADY_STOPPED;

  if (!(await mayStop(args, target, thread.audit.userId, deps))) {
    deps.logger.info('stop refused: not the author or an admin', {
      auditId: thread.audit.id,
      user: target.userId,
    });
    return STOP_NOT_ALLOWED;
  }

  const stopped = await deps.store.audits.stop(target.scope, target.auditId, STOPPED_BY_USER);
  if (stopped === undefined) return AUDIT_NOT_FOUND;

  deps.logger.info('reminders stopped', { auditId: stopped.id, user: target.userId });
  return REMINDERS_STOPPED;
}

/**
 * "Stop reminders" on a nudge: acks, then stops the thread's nudges for good if the clicker wrote
 * the audit or administers the workspace, and tells the clicker either way.
 */
export function stopRemindersButton(deps: ButtonDependencies) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();

    let reply: string;
    try {
      reply = await stopReminders(args, deps);
    } catch (error) {
      deps.logger.error('stopping reminders failed', { error });
      reply = BUTTON_FAILED;
    }

    await replyToClicker(args, reply, deps.logger);
  };
}

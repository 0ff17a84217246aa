import { slackDate } from '../blocks/format.ts';
import {
  AUDIT_NOT_FOUND,
  BUTTON_FAILED,
  REMINDERS_ALREADY_STOPPED,
  snoozedUntil,
} from '../blocks/texts.ts';
import {
  type ButtonArgs,
  type ButtonDependencies,
  buttonTarget,
  replyToClicker,
} from './audit-button.ts';

async function snooze(args: ButtonArgs, deps: ButtonDependencies): Promise<string> {
  const target = buttonTarget(args);
  if (target === undefined) {
    deps.logger.warn('snooze dropped: no team or audit id in the click');
    return AUDIT_NOT_FOUND;
  }

  const thread = await deps.store.audits.getThread(target.scope, target.auditId);
  if (thread === undefined) {
    deps.logger.warn('snooze dropped: audit not in this team', { auditId: target.auditId });
    return AUDIT_NOT_FOUND;
  }

  if (!thread.audit.remindersEnabled) return REMINDERS_ALREADY_STOPPED;

  const snoozed = await deps.store.audits.snooze(target.scope, target.auditId, deps.now());
  if (snoozed?.nextNudgeAt == null) return AUDIT_NOT_FOUND;

  deps.logger.info('nudge snoozed', {
    auditId: snoozed.id,
    user: target.userId,
    nextNudgeAt: snoozed.nextNudgeAt,
  });
  return snoozedUntil(slackDate(snoozed.nextNudgeAt));
}

/** "Snooze 2 weeks" on a nudge: acks, moves the thread's next nudge, tells the clicker when. */
export function snoozeButton(deps: ButtonDependencies) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();

    let reply: string;
    try {
      reply = await snooze(args, deps);
    } catch (error) {
      deps.logger.error('snooze failed', { error });
      reply = BUTTON_FAILED;
    }

    await replyToClicker(args, reply, deps.logger);
  };
}

import type { AuditThread } from '../store/types.ts';
import { escapeMrkdwn, formatVolume, slackDate } from './format.ts';
import { context, header, message, type SlackMessage, section, sectionsOf } from './kit.ts';
import {
  AUDIT_LIST_EMPTY,
  AUDIT_LIST_FAILED,
  AUDIT_LIST_TITLE,
  auditListMore,
  auditListNext,
  auditListRetrying,
  BAND_EMOJI,
  BAND_SHORT,
  REMINDERS_OFF,
  remindersStoppedLine,
} from './texts.ts';

function schedule(thread: AuditThread): string {
  const { audit } = thread;

  if (audit.stoppedReason !== null) return remindersStoppedLine(escapeMrkdwn(audit.stoppedReason));
  if (!audit.remindersEnabled || audit.nextNudgeAt === null) return REMINDERS_OFF;

  const next = auditListNext(slackDate(audit.nextNudgeAt));
  if (audit.nudgeAttempts > 0 && audit.lastError !== null) {
    return `${next}, ${auditListRetrying(escapeMrkdwn(audit.lastError))}`;
  }
  return next;
}

function auditLine(thread: AuditThread): string {
  const { audit, latest } = thread;
  const { band, apiModel, openModel } = latest.summary;
  const what =
    `${escapeMrkdwn(apiModel)} vs ${escapeMrkdwn(openModel)}, ` +
    formatVolume(latest.workload.requestsPerMonth);
  const when = `<@${audit.userId}> ${slackDate(audit.createdAt)}`;

  return `${BAND_EMOJI[band]} *${BAND_SHORT[band]}* · ${what} · ${when}\n    ${schedule(thread)}`;
}

/**
 * The ephemeral list of a channel's audits, newest first: each one's band at its last audit, and
 * when it is re-checked next or why its reminders stopped. `limit` is how many were asked for.
 */
export function buildAuditList(threads: readonly AuditThread[], limit: number): SlackMessage {
  if (threads.length === 0) {
    return message(AUDIT_LIST_EMPTY, [section(AUDIT_LIST_EMPTY)]);
  }

  const more = threads.length >= limit ? [context([auditListMore(threads.length)])] : [];
  const blocks = [header(AUDIT_LIST_TITLE), ...sectionsOf(threads.map(auditLine)), ...more];
  return message(`${AUDIT_LIST_TITLE}: ${threads.length}`, blocks);
}

/** The store could not be read: nothing to list. */
export function buildAuditListFailure(): SlackMessage {
  return message(AUDIT_LIST_FAILED, [section(`:x: ${AUDIT_LIST_FAILED}`)]);
}

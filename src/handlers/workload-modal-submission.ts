import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import {
  type AuditDependencies,
  type AuditRequest,
  publishAudit,
} from '../audits/publish-audit.ts';
import { buildInternalFailure } from '../blocks/errors.ts';
import { readModalMetadata } from '../blocks/modal-metadata.ts';
import { buildNotice } from '../blocks/notices.ts';
import { AUDIT_NOT_FOUND, MODAL_PICK_DESTINATION, MODAL_UNREADABLE } from '../blocks/texts.ts';
import { workloadAsText } from '../blocks/workload-echo.ts';
import { DESTINATION_BLOCK, MODAL_INPUTS } from '../blocks/workload-modal.ts';
import { WorkloadError } from '../engine/errors.ts';
import { buildReport } from '../engine/report.ts';
import type { Workload } from '../engine/workload.ts';
import { stepAsideAfterAck } from './after-ack.ts';
import { AnswerDeliveryError } from './answer-delivery.ts';
import { failureReply } from './answer-failures.ts';
import { teamScopeOf } from './team-scope.ts';
import { tellUser } from './tell-user.ts';
import {
  destinationOf,
  errorsOfWorkload,
  type ModalErrors,
  readWorkloadModal,
} from './workload-modal-values.ts';

export type SubmissionDependencies = AuditDependencies;

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Where a checked submission's answer goes: a channel, or the thread of an edited audit. */
type Destination = { channelId: string } | { auditId: string };

type Checked =
  | { ok: true; workload: Workload; destination: Destination }
  | { ok: false; errors: ModalErrors };

const FIRST_BLOCK = MODAL_INPUTS[0]?.key ?? DESTINATION_BLOCK;

type Found = { ok: true; destination: Destination } | { ok: false; errors: ModalErrors };

function destinationOfView(view: ViewSubmitAction['view']): Found {
  const metadata = readModalMetadata(view.private_metadata);
  if (metadata === undefined) return { ok: false, errors: { [FIRST_BLOCK]: MODAL_UNREADABLE } };
  if (metadata.auditId !== undefined) {
    return { ok: true, destination: { auditId: metadata.auditId } };
  }
  if (metadata.channelId !== undefined) {
    return { ok: true, destination: { channelId: metadata.channelId } };
  }

  const picked = destinationOf(view.state.values);
  if (picked === undefined) {
    return { ok: false, errors: { [DESTINATION_BLOCK]: MODAL_PICK_DESTINATION } };
  }
  return { ok: true, destination: { channelId: picked } };
}

/**
 * Everything that can send the form back with errors, checked before the ack because the ack
 * carries them: the metadata, every input, and whether the engine can evaluate the workload (a
 * pure computation of a few milliseconds).
 */
function checkSubmission(view: ViewSubmitAction['view'], now: Date): Checked {
  const found = destinationOfView(view);
  if (!found.ok) return found;

  const reading = readWorkloadModal(view.state.values);
  if (!reading.ok) return reading;

  try {
    buildReport(reading.workload, now);
  } catch (error) {
    if (!(error instanceof WorkloadError)) throw error;
    return { ok: false, errors: errorsOfWorkload(error, reading.workload) };
  }
  return { ok: true, workload: reading.workload, destination: found.destination };
}

/** The request for publishAudit: a new thread in a channel, or a re-audit in the edited one. */
async function auditRequest(
  args: SubmissionArgs,
  deps: SubmissionDependencies,
  workload: Workload,
  destination: Destination,
): Promise<AuditRequest | undefined> {
  const scope = teamScopeOf(args.body);
  const common = { client: args.client, scope, userId: args.body.user.id, workload };
  const text = workloadAsText(workload);
  if ('channelId' in destination) return { ...common, channelId: destination.channelId, text };

  const thread = await deps.store.audits.getThread(scope, destination.auditId);
  if (thread === undefined) return undefined;

  const { audit, latest } = thread;
  if (audit.threadTs === null) return { ...common, channelId: audit.channelId, text };
  return {
    ...common,
    channelId: audit.channelId,
    text,
    repeats: { auditId: audit.id, threadTs: audit.threadTs },
    previous: latest,
  };
}

/** Where to tell the person about a failure: not the channel the bot could not post in. */
function recipientOf(error: unknown, userId: string, channelId: string | undefined) {
  const blocked = error instanceof AnswerDeliveryError && error.botNotInChannel;
  return blocked || channelId === undefined ? { userId } : { userId, channelId };
}

async function answer(
  args: SubmissionArgs,
  deps: SubmissionDependencies,
  workload: Workload,
  destination: Destination,
): Promise<void> {
  const userId = args.body.user.id;
  let request: AuditRequest | undefined;
  try {
    request = await auditRequest(args, deps, workload, destination);
    if (request === undefined) {
      deps.logger.warn('edited audit not found in this team', { user: userId });
      return tellUser(args.client, deps.logger, { userId }, buildNotice(AUDIT_NOT_FOUND));
    }

    const { audit, report, threadTs } = await publishAudit(deps, request);
    deps.logger.info('answer delivered', {
      audit: audit.id,
      channel: request.channelId,
      threadTs,
      reAudit: request.repeats !== undefined,
      band: report.band,
      requestsPerMonth: report.workload.requestsPerMonth,
    });
  } catch (error) {
    const channelId =
      request?.channelId ?? ('channelId' in destination ? destination.channelId : undefined);
    const reply = failureReply(error, deps.logger, { channelId, text: workloadAsText(workload) });
    await tellUser(args.client, deps.logger, recipientOf(error, userId, channelId), reply);
  }
}

/**
 * The workload form's submission: a form with anything wrong goes back with one message under
 * each wrong input, and nothing is stored or posted; a good one closes, and the answer is posted
 * in the channel the form names, or in the edited audit's thread with what changed.
 */
export function workloadModalSubmission(deps: SubmissionDependencies) {
  return async (args: SubmissionArgs): Promise<void> => {
    let checked: Checked;
    try {
      checked = checkSubmission(args.body.view, deps.now());
    } catch (error) {
      await args.ack();
      deps.logger.error('workload form not read', { error });
      const recipient = { userId: args.body.user.id };
      return tellUser(args.client, deps.logger, recipient, buildInternalFailure());
    }

    if (!checked.ok) {
      deps.logger.info('workload form sent back', { blocks: Object.keys(checked.errors) });
      return args.ack({ response_action: 'errors', errors: checked.errors });
    }

    await args.ack();
    await stepAsideAfterAck();
    await answer(args, deps, checked.workload, checked.destination);
  };
}

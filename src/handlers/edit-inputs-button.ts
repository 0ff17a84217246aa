import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildModalFailure, buildNotice } from '../blocks/notices.ts';
import { AUDIT_NOT_FOUND, FORM_FAILED } from '../blocks/texts.ts';
import { buildWorkloadModal } from '../blocks/workload-modal.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import { openWorkloadModal } from './open-workload-modal.ts';
import { teamScopeOf } from './team-scope.ts';
import { replyToAction } from './tell-user.ts';

export interface EditInputsDependencies {
  store: Store;
  logger: Logger;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

async function openFilledForm(args: ButtonArgs, deps: EditInputsDependencies): Promise<void> {
  const { action, body, client, respond } = args;
  const audit = await deps.store.audits.get(teamScopeOf(body), action.value ?? '');
  if (audit === undefined) {
    deps.logger.warn('edit inputs: audit not found in this team', { user: body.user.id });
    return replyToAction(respond, deps.logger, buildNotice(AUDIT_NOT_FOUND));
  }

  const view = buildWorkloadModal(audit.workload, { auditId: audit.id });
  const slackError = await openWorkloadModal(client, deps.logger, body.trigger_id, view);
  if (slackError !== undefined) {
    return replyToAction(respond, deps.logger, buildModalFailure(slackError));
  }
}

/**
 * "Edit inputs" under an answer: opens the form filled with that audit's workload. The button
 * carries only the audit id, looked up in the clicking person's team; the form's submission
 * answers in the same thread.
 */
export function editInputsButton(deps: EditInputsDependencies) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      await openFilledForm(args, deps);
    } catch (error) {
      deps.logger.error('edit inputs failed', { error });
      await replyToAction(args.respond, deps.logger, buildNotice(FORM_FAILED, ':x:'));
    }
  };
}

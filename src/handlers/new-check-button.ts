import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildModalFailure } from '../blocks/notices.ts';
import { buildWorkloadModal } from '../blocks/workload-modal.ts';
import type { Logger } from '../logger.ts';
import { openWorkloadModal } from './open-workload-modal.ts';
import { tellUser } from './tell-user.ts';

export interface NewCheckDependencies {
  logger: Logger;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "New check" on the Home tab: the empty form, asking which channel the answer goes to. */
export function newCheckButton(deps: NewCheckDependencies) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();

    const view = buildWorkloadModal();
    const slackError = await openWorkloadModal(client, deps.logger, body.trigger_id, view);
    if (slackError !== undefined) {
      await tellUser(client, deps.logger, { userId: body.user.id }, buildModalFailure(slackError));
    }
  };
}

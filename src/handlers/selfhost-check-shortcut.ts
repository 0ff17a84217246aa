import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildModalFailure } from '../blocks/notices.ts';
import { buildWorkloadModal } from '../blocks/workload-modal.ts';
import type { Logger } from '../logger.ts';
import { openWorkloadModal } from './open-workload-modal.ts';
import { tellUser } from './tell-user.ts';

export interface ShortcutDependencies {
  logger: Logger;
}

type ShortcutArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;

/**
 * The global shortcut "Self-host check": the same form as the bare command, for places slash
 * commands do not reach (threads, search). The form asks which channel the answer goes to.
 */
export function selfhostCheckShortcut(deps: ShortcutDependencies) {
  return async ({ ack, body, client }: ShortcutArgs): Promise<void> => {
    await ack();

    const view = buildWorkloadModal();
    const slackError = await openWorkloadModal(client, deps.logger, body.trigger_id, view);
    if (slackError !== undefined) {
      await tellUser(client, deps.logger, { userId: body.user.id }, buildModalFailure(slackError));
    }
  };
}

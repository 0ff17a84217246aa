import type { types, webApi } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import { slackErrorCode } from './answer-delivery.ts';

/**
 * Opens the workload form with the trigger of the click or command that asked for it (a trigger
 * lasts three seconds). Returns Slack's error code when the form could not be opened.
 */
export async function openWorkloadModal(
  client: webApi.WebClient,
  logger: Logger,
  triggerId: string,
  view: types.ModalView,
): Promise<string | undefined> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
    logger.debug('workload form opened', { blocks: view.blocks.length });
    return undefined;
  } catch (error) {
    const slackError = slackErrorCode(error);
    logger.error('workload form not opened', { slackError });
    return slackError;
  }
}

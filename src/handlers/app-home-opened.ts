import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHome, HOME_THREADS } from '../blocks/home.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import { slackErrorCode } from './answer-delivery.ts';

export interface AppHomeDependencies {
  store: Store;
  logger: Logger;
}

type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/**
 * Publishes the Home tab each time someone opens it, so the team's recent answers are current.
 * Bolt acknowledges events itself before this runs; a failure is logged, and the tab keeps
 * whatever it showed before.
 */
export function appHomeOpened(deps: AppHomeDependencies) {
  return async ({ event, body, context, client }: HomeArgs): Promise<void> => {
    if (event.tab !== undefined && event.tab !== 'home') return;

    const teamId = context.teamId ?? body.team_id;
    const scope = { teamId, enterpriseId: context.enterpriseId ?? null };
    try {
      const threads = await deps.store.audits.listByTeam(scope, { limit: HOME_THREADS });
      await client.views.publish({ user_id: event.user, view: buildHome(threads) });
      deps.logger.debug('home published', { threads: threads.length });
    } catch (error) {
      deps.logger.error('home not published', { slackError: slackErrorCode(error), error });
    }
  };
}

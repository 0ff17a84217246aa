import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildAuditList, buildAuditListFailure } from '../blocks/audit-list.ts';
import type { SlackMessage } from '../blocks/kit.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';

export interface ListDependencies {
  store: Store;
  logger: Logger;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** How many of a channel's audits the list shows, newest first. */
export const LISTED_AUDITS = 25;

async function listMessage(args: CommandArgs, deps: ListDependencies): Promise<SlackMessage> {
  const { command } = args;
  const scope = { teamId: command.team_id, enterpriseId: command.enterprise_id ?? null };

  try {
    const threads = await deps.store.audits.listByChannel(scope, command.channel_id, {
      limit: LISTED_AUDITS,
    });
    deps.logger.info('audits listed', { channel: command.channel_id, count: threads.length });
    return buildAuditList(threads, LISTED_AUDITS);
  } catch (error) {
    deps.logger.error('audits not listed', { channel: command.channel_id, error });
    return buildAuditListFailure();
  }
}

/**
 * `/selfhost-check list` (already acked by the command): this channel's audits, their last band
 * and next re-audit or why their reminders stopped, shown only to the person who asked.
 */
export async function listAudits(args: CommandArgs, deps: ListDependencies): Promise<void> {
  const reply = await listMessage(args, deps);

  try {
    await args.respond({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  } catch (error) {
    deps.logger.error('ephemeral reply failed', { error });
  }
}

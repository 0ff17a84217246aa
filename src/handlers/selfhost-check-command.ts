import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type AuditDependencies, publishAudit } from '../audits/publish-audit.ts';
import {
  buildInternalFailure,
  buildNotInChannel,
  buildParseError,
  buildSlackFailure,
  buildStoreFailure,
  buildWorkloadProblem,
} from '../blocks/errors.ts';
import { buildHelp } from '../blocks/help.ts';
import type { SlackMessage } from '../blocks/kit.ts';
import { buildModalFailure } from '../blocks/notices.ts';
import { LIST_WORD } from '../blocks/texts.ts';
import { buildWorkloadModal } from '../blocks/workload-modal.ts';
import { WorkloadError } from '../engine/errors.ts';
import { parseWorkloadText, WORKLOAD_TEXT_KEYS } from '../input/workload-text.ts';
import type { Logger } from '../logger.ts';
import { isFirstDelivery } from '../middleware/drop-retried-deliveries.ts';
import { StoreError } from '../store/errors.ts';
import { stepAsideAfterAck } from './after-ack.ts';
import { AnswerDeliveryError } from './answer-delivery.ts';
import { openWorkloadModal } from './open-workload-modal.ts';
import { listAudits } from './selfhost-check-list.ts';

export type CommandDependencies = AuditDependencies;

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const HELP_WORDS = new Set(['help', '-h', '--help', '?']);

/** An ephemeral reply through response_url; a failure there is logged, never thrown. */
async function tell(respond: RespondFn, reply: SlackMessage, logger: Logger): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  } catch (error) {
    logger.error('ephemeral reply failed', { error });
  }
}

function reportDeliveryFailure(
  failure: AnswerDeliveryError,
  args: CommandArgs,
  deps: CommandDependencies,
) {
  const where = {
    step: failure.step,
    slackError: failure.slackError,
    channel: args.command.channel_id,
  };
  if (failure.botNotInChannel) {
    deps.logger.warn('answer dropped: bot not in channel', where);
    return tell(args.respond, buildNotInChannel(), deps.logger);
  }

  deps.logger.error('answer delivery failed', where);
  return tell(args.respond, buildSlackFailure(failure.step, failure.slackError), deps.logger);
}

/** A bare command opens the form; its answer goes to the channel the command was typed in. */
async function openForm(args: CommandArgs, deps: CommandDependencies): Promise<void> {
  const { command, client, respond } = args;
  const view = buildWorkloadModal(undefined, { channelId: command.channel_id });

  const slackError = await openWorkloadModal(client, deps.logger, command.trigger_id, view);
  if (slackError !== undefined) return tell(respond, buildModalFailure(slackError), deps.logger);
}

async function answer(args: CommandArgs, deps: CommandDependencies): Promise<void> {
  const { command, client, respond } = args;
  const text = command.text.trim();

  if (text === '') return openForm(args, deps);

  if (HELP_WORDS.has(text.toLowerCase())) {
    return tell(respond, buildHelp(WORKLOAD_TEXT_KEYS), deps.logger);
  }
  if (text.toLowerCase() === LIST_WORD) return listAudits(args, deps);

  const parsed = parseWorkloadText(text);
  if (!parsed.ok) {
    deps.logger.info('workload text not read', { problems: parsed.problems.length });
    return tell(respond, buildParseError(parsed.problems, text), deps.logger);
  }

  const { audit, report, threadTs } = await publishAudit(deps, {
    client,
    scope: { teamId: command.team_id, enterpriseId: command.enterprise_id ?? null },
    channelId: command.channel_id,
    userId: command.user_id,
    text,
    workload: parsed.workload,
  });

  deps.logger.info('answer delivered', {
    audit: audit.id,
    channel: command.channel_id,
    threadTs,
    band: report.band,
    requestsPerMonth: report.workload.requestsPerMonth,
  });
}

/**
 * `/selfhost-check`: acks at once, drops a repeated delivery, then opens the form (no text),
 * answers in a thread, or replies only to the person who typed it (help, text it cannot read, a
 * channel it cannot post in, a Slack failure).
 */
export function selfhostCheckCommand(deps: CommandDependencies) {
  return async (args: CommandArgs): Promise<void> => {
    try {
      await args.ack();
      await stepAsideAfterAck();
      if (!(await isFirstDelivery(args.context))) return;
      await answer(args, deps);
    } catch (error) {
      if (error instanceof AnswerDeliveryError) return reportDeliveryFailure(error, args, deps);
      if (error instanceof WorkloadError) {
        deps.logger.info('workload not evaluated', { code: error.code });
        const reply = buildWorkloadProblem(error.message, args.command.text);
        return tell(args.respond, reply, deps.logger);
      }

      if (error instanceof StoreError) {
        deps.logger.error('audit not stored', { code: error.code, error });
        return tell(args.respond, buildStoreFailure(), deps.logger);
      }

      deps.logger.error('selfhost-check failed', { error });
      return tell(args.respond, buildInternalFailure(), deps.logger);
    }
  };
}

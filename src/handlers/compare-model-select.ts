import type {
  AllMiddlewareArgs,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { type AuditDependencies, publishAudit } from '../audits/publish-audit.ts';
import { auditIdOfBlock, COMPARE_PREFIXES } from '../blocks/answer-thread.ts';
import { buildNotice } from '../blocks/notices.ts';
import { AUDIT_NOT_FOUND, UNKNOWN_MODEL } from '../blocks/texts.ts';
import { workloadAsText } from '../blocks/workload-echo.ts';
import { findClaudeModel, findOpenModel } from '../engine/catalog/index.ts';
import type { Workload } from '../engine/workload.ts';
import { stepAsideAfterAck } from './after-ack.ts';
import { failureReply } from './answer-failures.ts';
import { teamScopeOf } from './team-scope.ts';
import { replyToAction } from './tell-user.ts';

export type CompareDependencies = AuditDependencies;

type SelectArgs = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

/**
 * The workload with the chosen model in place of one side. Another open model drops what belonged
 * to the old one (GPU, GPUs per replica, precision, its price and measured throughput) so the
 * engine sizes a replica for the new model.
 */
export function withModel(workload: Workload, value: string): Workload | undefined {
  if (value.startsWith(COMPARE_PREFIXES.claude)) {
    const model = findClaudeModel(value.slice(COMPARE_PREFIXES.claude.length));
    return model === undefined ? undefined : { ...workload, apiModel: model.id };
  }
  if (value.startsWith(COMPARE_PREFIXES.open)) {
    const model = findOpenModel(value.slice(COMPARE_PREFIXES.open.length));
    if (model === undefined) return undefined;
    const { gpu, gpusPerReplica, precision, gpuHourlyUsd, prefillTps, decodeTps, ...rest } =
      workload;
    return { ...rest, openModel: model.id };
  }
  return undefined;
}

async function compare(args: SelectArgs, deps: CompareDependencies): Promise<void> {
  const { action, body, client, respond } = args;
  const scope = teamScopeOf(body);
  const auditId = auditIdOfBlock(action.block_id) ?? '';
  const [audit, thread] = await Promise.all([
    deps.store.audits.get(scope, auditId),
    deps.store.audits.getThread(scope, auditId),
  ]);
  if (audit === undefined || thread === undefined || thread.audit.threadTs === null) {
    deps.logger.warn('compare model: audit not found in this team', { user: body.user.id });
    return replyToAction(respond, deps.logger, buildNotice(AUDIT_NOT_FOUND));
  }

  const workload = withModel(audit.workload, action.selected_option.value);
  if (workload === undefined) {
    deps.logger.warn('compare model: not in the catalog', { audit: audit.id });
    return replyToAction(respond, deps.logger, buildNotice(UNKNOWN_MODEL));
  }

  const text = workloadAsText(workload);
  try {
    const published = await publishAudit(deps, {
      client,
      scope,
      channelId: thread.audit.channelId,
      userId: body.user.id,
      text,
      workload,
      repeats: { auditId: thread.audit.id, threadTs: thread.audit.threadTs },
      previous: thread.latest,
    });
    deps.logger.info('answer delivered', {
      audit: published.audit.id,
      channel: thread.audit.channelId,
      threadTs: published.threadTs,
      reAudit: true,
      band: published.report.band,
    });
  } catch (error) {
    const reply = failureReply(error, deps.logger, { channelId: thread.audit.channelId, text });
    await replyToAction(respond, deps.logger, reply);
  }
}

/**
 * "Compare model" under an answer: re-runs that answer's workload against the chosen Claude or
 * open-weight model and answers in the same thread, saying what changed.
 */
export function compareModelSelect(deps: CompareDependencies) {
  return async (args: SelectArgs): Promise<void> => {
    await args.ack();
    await stepAsideAfterAck();
    try {
      await compare(args, deps);
    } catch (error) {
      const reply = failureReply(error, deps.logger, { text: '' });
      await replyToAction(args.respond, deps.logger, reply);
    }
  };
}

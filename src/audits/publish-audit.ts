import type { webApi } from '@slack/bolt';
import { buildAnswerParent } from '../blocks/answer-parent.ts';
import { type AnswerChanges, buildAnswerThread } from '../blocks/answer-thread.ts';
import { inputChanges } from '../blocks/workload-echo.ts';
import type { CrossoverChartRenderer } from '../chart/crossover-chart.ts';
import { buildReport } from '../engine/report.ts';
import { describeChanges, type ReportSummary, summarize } from '../engine/report-summary.ts';
import type { Report } from '../engine/report-types.ts';
import type { Workload } from '../engine/workload.ts';
import {
  AnswerDeliveryError,
  type DeliveredAnswer,
  deliverAnswer,
} from '../handlers/answer-delivery.ts';
import type { Logger } from '../logger.ts';
import type { Audit, Store, TeamScope } from '../store/index.ts';

export interface AuditDependencies {
  store: Store;
  logger: Logger;
  now: () => Date;
  chart: CrossoverChartRenderer;
  reauditAfterMs: number;
}

export interface AuditRequest {
  client: webApi.WebClient;
  scope: TeamScope;
  channelId: string;
  userId: string;
  /** What the person typed, echoed under the answer. */
  text: string;
  workload: Workload;
  /** Answer inside this audit's thread instead of starting a new one: a re-audit. */
  repeats?: { auditId: string; threadTs: string };
  /** The previous answer in that thread: the new one says what changed since. */
  previous?: Audit;
}

export interface PublishedAudit {
  audit: Audit;
  report: Report;
  threadTs: string;
}

/** Why nudges stop for an audit whose answer never reached Slack. */
export function deliveryFailedReason(failure: AnswerDeliveryError): string {
  return `answer_not_posted:${failure.slackError}`;
}

/**
 * Evaluates a workload, stores it as an audit and posts the answer. The audit is stored first,
 * so the answer's buttons can name it; if the answer then cannot be posted, the audit's nudges
 * are stopped with Slack's reason and the failure is passed on for the caller to tell the user.
 * Inside an existing thread the answer is a re-audit, linked to the audit it repeats.
 */
export async function publishAudit(
  deps: AuditDependencies,
  request: AuditRequest,
): Promise<PublishedAudit> {
  const now = deps.now();
  const report = buildReport(request.workload, now);
  const summary = summarize(report);
  const nextNudgeAt = new Date(now.getTime() + deps.reauditAfterMs);
  const changes = request.previous && changesSince(request.previous, request.workload, summary);

  const audit = await storeAudit(deps, request, report, summary, now, nextNudgeAt);
  let delivered: DeliveredAnswer;
  try {
    delivered = await deliverAnswer(request.client, {
      channel: request.channelId,
      ...(request.repeats ? { threadTs: request.repeats.threadTs } : {}),
      parent: buildAnswerParent(report, { userId: request.userId, text: request.text }),
      thread: buildAnswerThread(report, {
        reauditDue: nextNudgeAt,
        auditId: audit.id,
        ...(changes ? { changes } : {}),
      }),
      chart: () => deps.chart.render(report),
      // Recorded before the figures and their buttons appear, so a click finds the thread.
      ...(request.repeats
        ? {}
        : {
            onThread: (threadTs: string) => recordThread(deps, request.scope, audit, threadTs),
          }),
    });
  } catch (error) {
    if (error instanceof AnswerDeliveryError && !request.repeats) {
      await deps.store.audits.stop(request.scope, audit.id, deliveryFailedReason(error));
    }
    throw error;
  }

  const { threadTs, chartError } = delivered;
  if (chartError !== undefined) {
    deps.logger.error('chart upload failed', { audit: audit.id, slackError: chartError });
  }
  return { audit, report, threadTs };
}

function changesSince(previous: Audit, workload: Workload, summary: ReportSummary): AnswerChanges {
  return {
    inputs: inputChanges(previous.workload, workload),
    results: describeChanges(previous.summary, summary),
  };
}

function storeAudit(
  deps: AuditDependencies,
  request: AuditRequest,
  report: Report,
  summary: ReportSummary,
  now: Date,
  nextNudgeAt: Date,
): Promise<Audit> {
  const record = {
    userId: request.userId,
    workload: request.workload,
    summary,
    catalogAsOf: report.catalog.asOf,
    createdAt: now,
  };
  if (request.repeats) {
    return deps.store.audits.recordReAudit(request.scope, request.repeats.auditId, {
      ...record,
      threadTs: request.repeats.threadTs,
      nextNudgeAt,
    });
  }
  return deps.store.audits.create({
    ...record,
    scope: request.scope,
    channelId: request.channelId,
    threadTs: null,
    nextNudgeAt,
  });
}

/**
 * The answer goes on when its thread cannot be recorded: the person gets the figures, and the
 * audit's nudge, finding no thread, stops after a few tries with the reason recorded.
 */
async function recordThread(
  deps: AuditDependencies,
  scope: TeamScope,
  audit: Audit,
  threadTs: string,
): Promise<void> {
  try {
    await deps.store.audits.setThreadTs(scope, audit.id, threadTs);
  } catch (error) {
    deps.logger.error('thread of an audit not recorded', { audit: audit.id, error });
  }
}

import { webApi } from '@slack/bolt';
import { buildNudge } from '../blocks/nudge.ts';
import { CHART_FILENAME, CHART_TITLE } from '../blocks/texts.ts';
import type { CrossoverChartRenderer } from '../chart/crossover-chart.ts';
import { cheaperStandIns } from '../engine/alternatives.ts';
import { WorkloadError } from '../engine/errors.ts';
import { buildReport } from '../engine/report.ts';
import { describeChanges, summarize } from '../engine/report-summary.ts';
import type { Report } from '../engine/report-types.ts';
import { slackErrorCode } from '../handlers/answer-delivery.ts';
import type { Logger } from '../logger.ts';
import {
  DELIVERED,
  type DeliverNudge,
  type DeliveryOutcome,
  failedDelivery,
  type NudgeContext,
  rateLimitedDelivery,
} from '../nudges/index.ts';
import { type BotClients, NotInstalledError } from '../slack/bot-clients.ts';
import type { Audit, Store } from '../store/index.ts';

export interface ReAuditDeliveryDependencies {
  store: Pick<Store, 'audits'>;
  /** Clients that do not retry on their own (the dispatcher retries), one a workspace. */
  clients: BotClients;
  logger: Logger;
  /** The dispatcher's clock: the re-run prices at this date. */
  clock: () => Date;
  chart: CrossoverChartRenderer;
  reauditAfterMs: number;
}

/** Stop reasons of nudges that fail before reaching Slack; `STOP_REASONS` says them in words. */
export const WORKLOAD_NOT_EVALUATED = 'workload_not_evaluated';
export const THREAD_UNKNOWN = 'thread_unknown';

/** Nudges upload a chart at most this often in a workspace. */
const NUDGE_CHART_SPACING_SECONDS = 1;

/** The answer may still be posting; after this many tries its thread is taken to be lost. */
const THREADLESS_ATTEMPTS = 5;

interface ReRun {
  report: Report;
  changes: string[];
}

/** Slack's error code, or the HTTP status or rate limit the client gave up on, for the record. */
export function nudgeFailureCode(error: unknown): string {
  if (error instanceof NotInstalledError) return error.code;
  const code = slackErrorCode(error);
  return code === webApi.ErrorCode.RateLimitedError ? 'ratelimited' : code;
}

function reRun(latest: Audit, now: Date): ReRun {
  const report = buildReport(latest.workload, now);
  return { report, changes: describeChanges(latest.summary, summarize(report)) };
}

/** Seconds Slack asked to wait when it refused a call with 429; undefined for other failures. */
function rateLimitWait(error: unknown): number | undefined {
  if (slackErrorCode(error) !== webApi.ErrorCode.RateLimitedError) return undefined;
  const { retryAfter } = error as { retryAfter?: unknown };
  return typeof retryAfter === 'number' ? retryAfter : undefined;
}

/** Until when Slack asked (Retry-After) to be left alone, by what it limits. */
function pauses(clock: () => Date) {
  const until = new Map<string, number>();
  return {
    remainingMs: (key: string) => Math.max(0, (until.get(key) ?? 0) - clock().getTime()),
    pause: (key: string, seconds: number) => until.set(key, clock().getTime() + seconds * 1000),
  };
}

function threadless(context: NudgeContext): DeliveryOutcome {
  const permanent = context.attempt >= THREADLESS_ATTEMPTS;
  return { ok: false, permanent, code: permanent ? THREAD_UNKNOWN : 'thread_not_posted_yet' };
}

/**
 * The dispatcher's `deliver` for the app: re-runs the thread's newest workload against today's
 * catalog, posts what changed into the audit's thread (broadcast to the channel) with the new
 * chart, and stores the re-audit. Only the post decides the outcome: once it is in Slack the
 * nudge is delivered, so a failed chart or record is logged and never posted twice.
 */
export function createReAuditDelivery(deps: ReAuditDeliveryDependencies): DeliverNudge {
  const { logger } = deps;
  // Slack takes about 100 uploads a minute from a workspace (Tier 4), fewer than a backlog of
  // nudges asks for, and answers to commands need their share: nudges draw a chart at most once
  // a second a workspace, and none while Slack refuses uploads. The chart is the nudge's extra;
  // one drawn for an upload Slack refuses costs tens of milliseconds for nothing.
  const uploads = pauses(deps.clock);
  // Slack takes about a message a second in a channel: a nudge for a channel Slack just refused
  // waits out the refusal without re-running its workload first.
  const channels = pauses(deps.clock);

  async function uploadChart(
    client: webApi.WebClient,
    audit: Audit,
    threadTs: string,
    report: Report,
  ): Promise<void> {
    if (uploads.remainingMs(audit.teamId) > 0) {
      logger.debug('nudge chart skipped: the workspace had one moments ago, or Slack refuses', {
        auditId: audit.id,
      });
      return;
    }
    uploads.pause(audit.teamId, NUDGE_CHART_SPACING_SECONDS);

    try {
      await client.files.uploadV2({
        channel_id: audit.channelId,
        thread_ts: threadTs,
        file: await deps.chart.render(report),
        filename: CHART_FILENAME,
        title: CHART_TITLE,
      });
    } catch (error) {
      const retryAfter = rateLimitWait(error);
      if (retryAfter !== undefined) uploads.pause(audit.teamId, retryAfter);
      logger.warn('nudge chart not uploaded', {
        auditId: audit.id,
        slackError: nudgeFailureCode(error),
        ...(retryAfter === undefined ? {} : { chartsSkippedForSeconds: retryAfter }),
      });
    }
  }

  async function recordReAudit(audit: Audit, latest: Audit, report: Report, now: Date) {
    try {
      await deps.store.audits.recordReAudit(
        { teamId: audit.teamId, enterpriseId: audit.enterpriseId },
        audit.id,
        {
          userId: latest.userId,
          workload: latest.workload,
          summary: summarize(report),
          catalogAsOf: report.catalog.asOf,
          createdAt: now,
        },
      );
    } catch (error) {
      logger.error('re-audit posted but not stored', { auditId: audit.id, error });
    }
  }

  return async (audit, context) => {
    if (audit.threadTs === null) return threadless(context);
    const threadTs = audit.threadTs;
    const channel = `${audit.teamId}/${audit.channelId}`;
    const refusedFor = channels.remainingMs(channel);
    if (refusedFor > 0) return rateLimitedDelivery(refusedFor);
    const now = deps.clock();

    let run: ReRun;
    try {
      run = reRun(context.latest, now);
    } catch (error) {
      if (!(error instanceof WorkloadError)) throw error;
      logger.error('re-audit not evaluated', { auditId: audit.id, code: error.code });
      return { ok: false, permanent: true, code: WORKLOAD_NOT_EVALUATED };
    }

    const nudge = buildNudge({
      auditId: audit.id,
      report: run.report,
      changes: run.changes,
      standIns: cheaperStandIns(run.report, now),
      early: context.early,
      nextNudgeAt: new Date(now.getTime() + deps.reauditAfterMs),
    });

    let client: webApi.WebClient;
    try {
      client = await deps.clients.forTeam({
        teamId: audit.teamId,
        enterpriseId: audit.enterpriseId,
      });
      await client.chat.postMessage({
        channel: audit.channelId,
        thread_ts: threadTs,
        reply_broadcast: true,
        text: nudge.text,
        blocks: nudge.blocks,
      });
    } catch (error) {
      const retryAfter = rateLimitWait(error);
      if (retryAfter === undefined) return failedDelivery(nudgeFailureCode(error));
      channels.pause(channel, retryAfter);
      return rateLimitedDelivery(retryAfter * 1000);
    }

    await uploadChart(client, audit, threadTs, run.report);
    await recordReAudit(audit, context.latest, run.report, now);

    logger.debug('re-audit posted', {
      auditId: audit.id,
      channel: audit.channelId,
      threadTs,
      band: run.report.band,
      changes: run.changes.length,
      early: context.early,
    });
    return DELIVERED;
  };
}

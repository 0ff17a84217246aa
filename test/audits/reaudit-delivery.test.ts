import { webApi } from '@slack/bolt';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createReAuditDelivery,
  nudgeFailureCode,
  type ReAuditDeliveryDependencies,
  THREAD_UNKNOWN,
  WORKLOAD_NOT_EVALUATED,
} from '../../src/audits/reaudit-delivery.ts';
import { createCrossoverChartRenderer } from '../../src/chart/crossover-chart.ts';
import type { Report } from '../../src/engine/report-types.ts';
import { workloadSchema } from '../../src/engine/workload.ts';
import { type NudgeContext, rateLimitedDelivery } from '../../src/nudges/index.ts';
import { type Audit, openStore, type Store } from '../../src/store/index.ts';
import { recordingLogger } from '../nudges/fakes.ts';
import { newAudit, OTHER_TEAM, TEAM } from '../store/builders.ts';
import { FakeSlack, resetNetwork } from '../support/fake-slack.ts';
import { BOT_TOKEN } from '../support/slash-command.ts';
import { TEST_DATE } from '../support/workloads.ts';

const THREAD_TS = '1767603600.000100';
const chart = createCrossoverChartRenderer();

let slack: FakeSlack;
let store: Store;
let logger: ReturnType<typeof recordingLogger>;

function deliver(overrides: Partial<ReAuditDeliveryDependencies> = {}) {
  const client = new webApi.WebClient(BOT_TOKEN, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  return createReAuditDelivery({
    store,
    clients: { forTeam: async () => client },
    logger,
    clock: () => TEST_DATE,
    chart,
    reauditAfterMs: 90 * 86_400_000,
    ...overrides,
  });
}

function contextOf(audit: Audit, attempt = 1): NudgeContext {
  return { latest: audit, early: false, attempt, dueAt: TEST_DATE };
}

beforeEach(async () => {
  slack = await FakeSlack.start();
  resetNetwork();
  store = await openStore(':memory:');
  logger = recordingLogger();
});

afterEach(async () => {
  await store.close();
  expect(slack.contractProblems()).toEqual([]);
  resetNetwork();
});

describe('createReAuditDelivery', () => {
  it('counts the nudge delivered once posted, even when the chart upload fails', async () => {
    const audit = await store.audits.create(newAudit({ threadTs: THREAD_TS }));
    slack.method('chat.postMessage', { ts: '1767603700.000100' });
    slack.failing('files.getUploadURLExternal', 'internal_error');

    const outcome = await deliver()(audit, contextOf(audit));

    expect(outcome).toEqual({ ok: true });
    expect(await store.audits.history(TEAM, audit.id)).toHaveLength(2);
    const warned = logger.lines.find((line) => line.message === 'nudge chart not uploaded');
    expect(warned).toMatchObject({ level: 'warn', fields: { slackError: 'internal_error' } });
  });

  it('draws no chart while Slack refuses uploads, and uploads again once its wait is over', async () => {
    let now = TEST_DATE.getTime();
    let renders = 0;
    const counting = {
      render: (report: Report) => {
        renders += 1;
        return chart.render(report);
      },
    };
    const delivery = deliver({ clock: () => new Date(now), chart: counting });
    const audits = await Promise.all(
      [1, 2, 3].map(() => store.audits.create(newAudit({ threadTs: THREAD_TS }))),
    );
    const posted = { ts: '1767603700.000100' };
    slack.method('chat.postMessage', posted);
    nock(new URL(slack.apiUrl).origin)
      .post('/api/files.getUploadURLExternal')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '30' });

    const refused = await delivery(audits[0] as Audit, contextOf(audits[0] as Audit));
    slack.method('chat.postMessage', posted);
    const skipped = await delivery(audits[1] as Audit, contextOf(audits[1] as Audit));
    now += 31_000;
    slack.method('chat.postMessage', posted).upload();
    const uploaded = await delivery(audits[2] as Audit, contextOf(audits[2] as Audit));

    expect([refused, skipped, uploaded]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(renders).toBe(2);
    expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    const warned = logger.lines.find((line) => line.message === 'nudge chart not uploaded');
    expect(warned?.fields).toMatchObject({
      slackError: 'ratelimited',
      chartsSkippedForSeconds: 30,
    });
    expect(slack.pending()).toEqual([]);
  });

  it('draws a nudge chart at most once a second in a workspace, each workspace its own', async () => {
    let now = TEST_DATE.getTime();
    const delivery = deliver({ clock: () => new Date(now) });
    const [first, second, third] = await Promise.all(
      [1, 2, 3].map(() => store.audits.create(newAudit({ threadTs: THREAD_TS }))),
    );
    const elsewhere = await store.audits.create(
      newAudit({ scope: OTHER_TEAM, threadTs: THREAD_TS }),
    );
    const posted = { ts: '1767603700.000100' };
    const charts = () => slack.callsTo('files.completeUploadExternal').length;

    slack.method('chat.postMessage', posted).upload();
    await delivery(first as Audit, contextOf(first as Audit));
    slack.method('chat.postMessage', posted);
    await delivery(second as Audit, contextOf(second as Audit));
    const afterSameSecond = charts();
    slack.method('chat.postMessage', posted).upload('F0CHART02');
    await delivery(elsewhere, contextOf(elsewhere));
    now += 1_000;
    slack.method('chat.postMessage', posted).upload('F0CHART03');
    await delivery(third as Audit, contextOf(third as Audit));

    expect(afterSameSecond).toBe(1);
    expect(charts()).toBe(3);
    expect(slack.pending()).toEqual([]);
  });

  it('leaves a channel Slack refused alone until its Retry-After has passed', async () => {
    let now = TEST_DATE.getTime();
    const delivery = deliver({ clock: () => new Date(now) });
    const [first, second] = await Promise.all(
      [1, 2].map(() => store.audits.create(newAudit({ threadTs: THREAD_TS }))),
    );
    nock(new URL(slack.apiUrl).origin)
      .post('/api/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '2' });

    const refused = await delivery(first as Audit, contextOf(first as Audit));
    now += 500;
    const waiting = await delivery(second as Audit, contextOf(second as Audit));
    now += 1_500;
    slack.method('chat.postMessage', { ts: '1767603700.000100' }).upload();
    const posted = await delivery(second as Audit, contextOf(second as Audit, 2));

    expect(refused).toEqual(rateLimitedDelivery(2_000));
    expect(waiting).toEqual(rateLimitedDelivery(1_500));
    expect(posted).toEqual({ ok: true });
    expect(await store.audits.history(TEAM, (first as Audit).id)).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('passes on a Slack refusal as a failed delivery with its code, storing nothing', async () => {
    const audit = await store.audits.create(newAudit({ threadTs: THREAD_TS }));
    slack.failing('chat.postMessage', 'channel_not_found');

    const outcome = await deliver()(audit, contextOf(audit));

    expect(outcome).toEqual({ ok: false, permanent: true, code: 'channel_not_found' });
    expect(await store.audits.history(TEAM, audit.id)).toHaveLength(1);
  });

  it('waits for an answer still posting, then gives the thread up', async () => {
    const audit = await store.audits.create(newAudit({ threadTs: null }));

    const early = await deliver()(audit, contextOf(audit, 1));
    const late = await deliver()(audit, contextOf(audit, 5));

    expect(early).toMatchObject({ ok: false, permanent: false });
    expect(late).toEqual({ ok: false, permanent: true, code: THREAD_UNKNOWN });
    expect(slack.calls).toEqual([]);
  });

  it('stops a workload the current catalog cannot evaluate', async () => {
    const workload = workloadSchema.parse({ gpusPerReplica: 1 });
    const audit = await store.audits.create(newAudit({ threadTs: THREAD_TS, workload }));

    const outcome = await deliver()(audit, contextOf(audit));

    expect(outcome).toEqual({ ok: false, permanent: true, code: WORKLOAD_NOT_EVALUATED });
    expect(logger.lines.map((line) => line.level)).toEqual(['error']);
  });
});

describe('nudgeFailureCode', () => {
  it('names Slack errors, HTTP statuses and rate limits', () => {
    const platform = Object.assign(new Error('x'), {
      code: webApi.ErrorCode.PlatformError,
      data: { error: 'is_archived' },
    });
    const http = Object.assign(new Error('x'), {
      code: webApi.ErrorCode.HTTPError,
      statusCode: 503,
    });
    const limited = Object.assign(new Error('x'), { code: webApi.ErrorCode.RateLimitedError });

    expect([platform, http, limited, 'nonsense'].map(nudgeFailureCode)).toEqual([
      'is_archived',
      'http_503',
      'ratelimited',
      'unknown_error',
    ]);
  });
});

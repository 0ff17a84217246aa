import { describe, expect, it } from 'vitest';
import { requestCost } from '../../src/engine/api-cost.ts';
import { claudePrices } from '../../src/engine/catalog/claude.ts';
import { ARTICLE_CLUSTER, reportFor, TEST_DATE } from '../support/workloads.ts';

/** The article's cluster bill: 8× H100 SXM at $2.99, 24 hours for 30 days. */
const ARTICLE_CLUSTER_MONTHLY = 23.92 * 24 * 30;

describe("the reference article's slips, which the engine does not repeat", () => {
  const report = reportFor(ARTICLE_CLUSTER);

  it('prices 2.5K uncached and 11.5K cached input at $0.01095, not $0.0102', () => {
    const prices = claudePrices('claude-sonnet-4-6', TEST_DATE, 14_000);
    const tokens = { uncachedInput: 2_500, cacheRead: 11_500, cacheWrite: 0, output: 0 };
    const input = requestCost({ ...tokens, totalInput: 14_000 }, prices, {
      cacheTtl: '5m',
      batchShare: 0,
    });

    expect(input.total).toBeCloseTo(0.01095, 8);
    expect(input.total).not.toBeCloseTo(0.0102, 4);
  });

  it('counts 14K input tokens a request, not 16K', () => {
    expect(report.api.tokensPerRequest.totalInput).toBe(14_000);
  });

  it('reads 9.6K from cache (80% of the 12K prefix), not 11.5K', () => {
    expect(report.api.tokensPerRequest.cacheRead).toBeCloseTo(9_600, 6);
    expect(report.api.tokensPerRequest.uncachedInput).toBe(2_000);
  });

  it('bills cache writes: each miss on the 12K prefix at 1.25× the input price', () => {
    expect(report.api.tokensPerRequest.cacheWrite).toBeCloseTo(2_400, 6);
    expect(report.api.costBreakdown.cacheWrite).toBeCloseTo((2_400 * 3.75) / 1e6, 10);
  });

  it("sizes decode for the profile's 2K-token responses, not 500", () => {
    const { capacity } = report.selfHost;
    const secondsPerRequest = (14_000 - 9_600) / 12_000 + 2_000 / 5_500;
    expect(capacity.requestsPerSecond).toBeCloseTo(1 / secondsPerRequest, 10);
  });

  it('puts the cluster-only crossover where the cluster bill over the per-request price says', () => {
    expect(report.selfHost.monthlyCost).toBeCloseTo(ARTICLE_CLUSTER_MONTHLY, 6);
    const crossover = report.crossover.requestsPerMonth as number;
    expect(crossover).toBeCloseTo(ARTICLE_CLUSTER_MONTHLY / report.api.costPerRequest, -2);
    expect(crossover).toBeLessThan(600_000);
  });

  it('reaches 600K-800K only with $7K-$15K a month of operations on top of the GPUs', () => {
    const cheap = reportFor({ ...ARTICLE_CLUSTER, opsMonthlyUsd: 7_000 });
    const dear = reportFor({ ...ARTICLE_CLUSTER, opsMonthlyUsd: 15_000 });
    const perRequest = report.api.costPerRequest;

    expect(cheap.crossover.requestsPerMonthLoaded).toBeCloseTo(
      (ARTICLE_CLUSTER_MONTHLY + 7_000) / perRequest,
      -2,
    );
    expect(dear.crossover.requestsPerMonthLoaded as number).toBeGreaterThan(600_000);
  });

  it("takes a team's own measured throughput in place of the model's", () => {
    expect(report.selfHost.capacity).toMatchObject({
      prefillTokensPerSecond: 12_000,
      decodeTokensPerSecond: 5_500,
      measured: true,
    });
    expect(
      reportFor({ ...ARTICLE_CLUSTER, prefillTps: undefined, decodeTps: undefined }).selfHost
        .capacity.measured,
    ).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { agentStepTokens, apiCost, requestCost } from '../../src/engine/api-cost.ts';
import { claudePrices, findClaudeModel } from '../../src/engine/catalog/claude.ts';
import type { ClaudeModel } from '../../src/engine/catalog/types.ts';
import { referenceWorkload, workloadSchema } from '../../src/engine/workload.ts';

const AT = new Date('2026-12-01T00:00:00Z');
const sonnet = findClaudeModel('claude-sonnet-4-6') as ClaudeModel;
const sonnetPrices = claudePrices('claude-sonnet-4-6', AT, 14_000);

describe('claudePrices', () => {
  it('reads Sonnet 4.6 from genai-prices: $3 in, $3.75 and $6 writes, $0.30 read, $15 out', () => {
    expect(sonnetPrices).toEqual({
      input: 3,
      cacheWrite5m: 3.75,
      cacheWrite1h: 6,
      cacheRead: 0.3,
      output: 15,
    });
  });

  it('moves a whole Sonnet 4.5 request to the long-context rate past 200K input tokens', () => {
    expect(claudePrices('claude-sonnet-4-5', AT, 150_000).input).toBe(3);
    expect(claudePrices('claude-sonnet-4-5', AT, 250_000)).toMatchObject({
      input: 6,
      output: 22.5,
    });
  });

  it('bills Sonnet 4.6 at standard prices past 200K since its 1M window (2026-03-13)', () => {
    expect(claudePrices('claude-sonnet-4-6', AT, 500_000).input).toBe(3);
  });
});

describe('requestCost', () => {
  it("reproduces the article's own simplification: 11.5K of 14K read from cache, no writes", () => {
    const articleTokens = {
      uncachedInput: 2_500,
      cacheRead: 11_500,
      cacheWrite: 0,
      output: 2_000,
      totalInput: 14_000,
    };
    const cost = requestCost(articleTokens, sonnetPrices, { cacheTtl: '5m', batchShare: 0 });

    expect(cost.uncachedInput + cost.cacheRead).toBeCloseTo(0.01095, 8);
    expect(cost.total).toBeCloseTo(0.04095, 8);
    expect(cost.total * 1_500_000).toBeCloseTo(61_425, 2);
  });

  it('halves the price of the share sent through the Batch API, caching included', () => {
    const tokens = { uncachedInput: 1e6, cacheRead: 0, cacheWrite: 0, output: 0, totalInput: 1e6 };
    const full = requestCost(tokens, sonnetPrices, { cacheTtl: '5m', batchShare: 0 });
    const half = requestCost(tokens, sonnetPrices, { cacheTtl: '5m', batchShare: 0.5 });
    expect(full.total).toBeCloseTo(3, 8);
    expect(half.total).toBeCloseTo(2.25, 8);
  });
});

describe('apiCost', () => {
  it('with the full model (80% hits on the 12K prefix, misses written at 1.25×) costs $0.04788', () => {
    const cost = apiCost(referenceWorkload, sonnet, AT);

    const tokens = cost.tokensPerRequest;
    expect(tokens.uncachedInput).toBe(2_000);
    expect(tokens.cacheRead).toBeCloseTo(9_600, 6);
    expect(tokens.cacheWrite).toBeCloseTo(2_400, 6);
    expect(tokens.totalInput).toBe(14_000);
    expect(cost.costPerRequest.cacheWrite).toBeCloseTo(0.009, 8);
    expect(cost.costPerRequest.total).toBeCloseTo(0.04788, 8);
    expect(cost.costPerRequest.total * referenceWorkload.requestsPerMonth).toBeCloseTo(71_820, 2);
  });

  it('writes at 2× the input price for a one-hour cache lifetime', () => {
    const hour = workloadSchema.parse({ cacheTtl: '1h' });
    expect(apiCost(hour, sonnet, AT).costPerRequest.cacheWrite).toBeCloseTo(0.0144, 8);
  });

  it('caches nothing when the prefix is shorter than the model minimum', () => {
    const haiku = findClaudeModel('claude-haiku-4-5') as ClaudeModel;
    const short = workloadSchema.parse({ systemTokens: 1_000, toolTokens: 2_000 });
    const [step] = agentStepTokens(short, haiku);
    expect(step).toMatchObject({ cacheRead: 0, cacheWrite: 0, uncachedInput: 5_000 });
  });
});

describe('agentStepTokens', () => {
  it('re-sends the growing transcript each step, reading what the step before wrote', () => {
    const task = workloadSchema.parse({ agentSteps: 3, toolResultTokens: 1_000, cacheHitRate: 1 });
    const steps = agentStepTokens(task, sonnet);

    expect(steps.map((step) => step.totalInput)).toEqual([14_000, 17_000, 20_000]);
    expect(steps[0]).toMatchObject({ cacheRead: 12_000, cacheWrite: 2_000, uncachedInput: 0 });
    expect(steps[1]).toMatchObject({ cacheRead: 14_000, cacheWrite: 3_000, uncachedInput: 0 });
    expect(steps[2]).toMatchObject({ cacheRead: 17_000, cacheWrite: 0, uncachedInput: 3_000 });
  });
});

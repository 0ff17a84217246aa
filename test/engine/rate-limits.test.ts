import { describe, expect, it } from 'vitest';
import { apiCost } from '../../src/engine/api-cost.ts';
import { findClaudeModel } from '../../src/engine/catalog/claude.ts';
import type { ClaudeModel } from '../../src/engine/catalog/types.ts';
import { checkRateLimits, effectiveInputCapacity } from '../../src/engine/rate-limits.ts';
import { peakRequestsPerSecond } from '../../src/engine/sizing.ts';
import { referenceWorkload, workloadSchema } from '../../src/engine/workload.ts';
import { reportFor } from '../support/workloads.ts';

const AT = new Date('2026-12-01T00:00:00Z');
const sonnet = findClaudeModel('claude-sonnet-4-6') as ClaudeModel;

describe('effectiveInputCapacity', () => {
  it('carries 10M input tokens a minute on a 2M limit at an 80% cache-read share', () => {
    expect(effectiveInputCapacity(2_000_000, 0.8)).toBeCloseTo(10_000_000, 0);
  });
});

describe('checkRateLimits', () => {
  const tokens = apiCost(referenceWorkload, sonnet, AT).tokensPerRequest;
  const perMinute =
    peakRequestsPerSecond(referenceWorkload.requestsPerMonth, referenceWorkload) * 60;

  it('needs about 35 requests, 153K uncached input and 69K output tokens a minute', () => {
    const check = checkRateLimits(perMinute, tokens, 'sonnet', 'tiers-1-4');

    expect(check.requiredRpm).toBeCloseTo(34.7, 1);
    expect(check.requiredItpm).toBeCloseTo(152_778, 0);
    expect(check.requiredOtpm).toBeCloseTo(69_444, 0);
  });

  it('fits Tier 2 and not Tier 1 for the reference profile', () => {
    const check = checkRateLimits(perMinute, tokens, 'sonnet', 'tiers-1-4');

    expect(check.minTier).toBe('Tier 2');
    expect(check.tiers.map((tier) => [tier.name, tier.fits])).toEqual([
      ['Tier 1', false],
      ['Tier 2', true],
      ['Tier 3', true],
      ['Tier 4', true],
    ]);
  });

  it('does not count cache reads against the input limit', () => {
    const check = checkRateLimits(60, { ...tokens, cacheRead: 1e9 }, 'sonnet', 'tiers-1-4');
    expect(check.requiredItpm).toBeCloseTo(60 * (tokens.uncachedInput + tokens.cacheWrite), 6);
  });

  it('says no tier fits when the peak passes the largest one', () => {
    const huge = workloadSchema.parse({ requestsPerMonth: 2e9 });
    const rpm = peakRequestsPerSecond(huge.requestsPerMonth, huge) * 60;
    const check = checkRateLimits(rpm, tokens, 'sonnet', 'start-build-scale');

    expect(check.minTier).toBeNull();
    expect(check.tiers.every((tier) => !tier.fits)).toBe(true);
  });

  it('uses the larger Haiku limits of Tier 1', () => {
    const check = checkRateLimits(1, { ...tokens, output: 9_000 }, 'haiku', 'tiers-1-4');
    expect(check.minTier).toBe('Tier 1');
  });
});

describe('rate limits in the report', () => {
  it('leave the Batch API share out of the per-minute need', () => {
    const online = reportFor({ batchShare: 0 });
    const half = reportFor({ batchShare: 0.5 });
    expect(half.api.rateLimits.requiredRpm).toBeCloseTo(online.api.rateLimits.requiredRpm / 2, 8);
  });
});

import { tiersOf } from './catalog/claude.ts';
import type { ClaudeClass } from './catalog/types.ts';
import type { RateLimitCheck, RequestTokens } from './report-types.ts';
import type { TierScheme } from './workload.ts';

/**
 * Whether the API's rate limits carry the workload's peak minute. On Claude 4.x, cache reads do
 * not count against the input-tokens limit; uncached input and cache writes do, and the output
 * limit counts the tokens generated. The smallest tier whose three limits all fit is the one to
 * reach; headroom is the tightest of the three ratios of limit to need.
 */
export function checkRateLimits(
  requestsPerMinute: number,
  tokensPerRequest: RequestTokens,
  claudeClass: ClaudeClass,
  scheme: TierScheme,
): RateLimitCheck {
  const requiredRpm = requestsPerMinute;
  const requiredItpm =
    requestsPerMinute * (tokensPerRequest.uncachedInput + tokensPerRequest.cacheWrite);
  const requiredOtpm = requestsPerMinute * tokensPerRequest.output;

  const tiers = tiersOf(scheme).map((tier) => {
    const limits = tier.limits[claudeClass];
    const headroom = Math.min(
      limits.rpm / requiredRpm,
      requiredItpm > 0 ? limits.itpm / requiredItpm : Number.POSITIVE_INFINITY,
      limits.otpm / requiredOtpm,
    );
    return { name: tier.name, fits: headroom >= 1, headroom, howToReach: tier.howToReach };
  });

  const first = tiersOf(scheme)[0];
  return {
    scheme,
    requiredRpm,
    requiredItpm,
    requiredOtpm,
    minTier: tiers.find((tier) => tier.fits)?.name ?? null,
    tiers,
    asOf: first?.asOf ?? '',
    source: first?.source ?? '',
  };
}

/**
 * Input tokens a minute an input limit carries when a share of the input is read from cache:
 * only the rest counts, so 2M at an 80% read share carries 10M.
 */
export function effectiveInputCapacity(itpm: number, cacheReadShare: number): number {
  if (cacheReadShare >= 1) return Number.POSITIVE_INFINITY;
  return itpm / (1 - cacheReadShare);
}

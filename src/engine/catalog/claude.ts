import { calcPrice, type ModelPrice, TieredPrices } from '@pydantic/genai-prices';
import type { TierScheme } from '../workload.ts';
import type { ApiLatency, ClaudeClass, ClaudeModel, ClaudePrices, RateLimitTier } from './types.ts';

const PRICING_SOURCE = "@pydantic/genai-prices 0.1.8, from Anthropic's pricing page";
const MIN_PREFIX_SOURCE = 'Anthropic prompt-caching docs, read 2026';

/**
 * The Claude models the app compares against. Prices are not typed here: they come from
 * `@pydantic/genai-prices` at the date of the report. Sources disagree on Sonnet 4.6's minimum
 * cacheable prefix (1,024 or 2,048); the larger is kept so the engine never promises a cache
 * read Claude would not give.
 */
export const CLAUDE_MODELS: readonly ClaudeModel[] = [
  model('claude-opus-4-7', 'Claude Opus 4.7', 'opus', 1_000_000, 4_096),
  model('claude-opus-4-6', 'Claude Opus 4.6', 'opus', 1_000_000, 4_096),
  model('claude-opus-4-5', 'Claude Opus 4.5', 'opus', 200_000, 4_096),
  model('claude-opus-4-1', 'Claude Opus 4.1', 'opus', 200_000, 1_024),
  model('claude-sonnet-4-6', 'Claude Sonnet 4.6', 'sonnet', 1_000_000, 2_048),
  model('claude-sonnet-4-5', 'Claude Sonnet 4.5', 'sonnet', 200_000, 1_024),
  model('claude-haiku-4-5', 'Claude Haiku 4.5', 'haiku', 200_000, 4_096),
];

function model(
  id: string,
  name: string,
  claudeClass: ClaudeClass,
  contextWindow: number,
  minCacheablePrefix: number,
): ClaudeModel {
  return { id, name, claudeClass, contextWindow, minCacheablePrefix, source: MIN_PREFIX_SOURCE };
}

/** The Claude model with this API id, or undefined when the catalog does not have it. */
export function findClaudeModel(id: string): ClaudeModel | undefined {
  return CLAUDE_MODELS.find((candidate) => candidate.id === id);
}

/** A model's price list as in force on one date, tiers by request length included. */
export type ClaudePriceList = ModelPrice;

/** The price list of `modelId` in force at `at`: look it up once, then price any request. */
export function claudePriceList(modelId: string, at: Date): ClaudePriceList {
  const calculation = calcPrice({ input_tokens: 1 }, modelId, {
    providerId: 'anthropic',
    timestamp: at,
  });
  if (!calculation) throw new Error(`no price for ${modelId}`);
  return calculation.model_price;
}

/**
 * Prices in dollars per million tokens from a price list, for a request of `requestInputTokens`
 * input tokens: where a model bills long requests at a higher rate, the whole request moves to
 * that rate once its input passes the threshold.
 */
export function pricesFor(list: ClaudePriceList, requestInputTokens: number): ClaudePrices {
  const price = (key: string) => priceAt(list, key, requestInputTokens);
  const input = price('input_mtok');
  return {
    input,
    cacheWrite5m: price('cache_write_mtok') || input * 1.25,
    cacheWrite1h: price('cache_write_1h_mtok') || input * 2,
    cacheRead: price('cache_read_mtok') || input * 0.1,
    output: price('output_mtok'),
  };
}

/** Claude's prices in force at `at` for a request of `requestInputTokens` (see `pricesFor`). */
export function claudePrices(modelId: string, at: Date, requestInputTokens: number): ClaudePrices {
  return pricesFor(claudePriceList(modelId, at), requestInputTokens);
}

function priceAt(prices: ModelPrice, key: string, requestInputTokens: number): number {
  const value = prices[key];
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;

  const tiered = value instanceof TieredPrices ? value : new TieredPrices(value);
  const reached = tiered.tiers.filter((tier) => requestInputTokens > tier.start);
  return reached.length > 0 ? (reached.at(-1)?.price ?? tiered.base) : tiered.base;
}

/** The release date of the pricing package: its data is as of that day. */
export const CLAUDE_PRICES_AS_OF = '2026-09-23';
export const CLAUDE_PRICES_SOURCE = PRICING_SOURCE;

const TIERS_SOURCE = 'Anthropic rate-limits docs (tiers 1-4), read until mid-2026';
const TIERS_AS_OF = '2026-06-01';
const SBS_SOURCE = 'Anthropic rate-limits docs (Start / Build / Scale), stored copy';
const SBS_AS_OF = '2026-10-15';

function sameForAll(rpm: number, itpm: number, otpm: number): RateLimitTier['limits'] {
  const limits = { rpm, itpm, otpm };
  return { opus: limits, sonnet: limits, haiku: limits };
}

/** Both rate-limit schemes Anthropic documented during 2026, smallest tier first. */
export const RATE_LIMIT_TIERS: readonly RateLimitTier[] = [
  tier('tiers-1-4', 'Tier 1', [50, 30_000, 8_000], [50, 50_000, 10_000], '$5 of credit purchased'),
  tier('tiers-1-4', 'Tier 2', [1_000, 450_000, 90_000], [1_000, 450_000, 90_000], '$40 purchased'),
  tier('tiers-1-4', 'Tier 3', [2_000, 800_000, 160_000], [2_000, 1e6, 200_000], '$200 purchased'),
  tier('tiers-1-4', 'Tier 4', [4_000, 2e6, 400_000], [4_000, 4e6, 800_000], '$400 purchased'),
  {
    scheme: 'start-build-scale',
    name: 'Start',
    limits: sameForAll(1_000, 2_000_000, 400_000),
    howToReach: 'automatic placement from usage history (new organisations start lower)',
    source: SBS_SOURCE,
    asOf: SBS_AS_OF,
  },
  {
    scheme: 'start-build-scale',
    name: 'Build',
    limits: sameForAll(5_000, 5_000_000, 1_000_000),
    howToReach: 'automatic placement from sustained usage history',
    source: SBS_SOURCE,
    asOf: SBS_AS_OF,
  },
  {
    scheme: 'start-build-scale',
    name: 'Scale',
    limits: sameForAll(10_000, 10_000_000, 2_000_000),
    howToReach: 'automatic placement from sustained usage history, or a sales agreement',
    source: SBS_SOURCE,
    asOf: SBS_AS_OF,
  },
];

function tier(
  scheme: TierScheme,
  name: string,
  [rpm, itpm, otpm]: number[],
  [haikuRpm, haikuItpm, haikuOtpm]: number[],
  howToReach: string,
): RateLimitTier {
  const opusAndSonnet = { rpm: rpm ?? 0, itpm: itpm ?? 0, otpm: otpm ?? 0 };
  return {
    scheme,
    name,
    limits: {
      opus: opusAndSonnet,
      sonnet: opusAndSonnet,
      haiku: { rpm: haikuRpm ?? 0, itpm: haikuItpm ?? 0, otpm: haikuOtpm ?? 0 },
    },
    howToReach: `cumulative credit purchase: ${howToReach}`,
    source: TIERS_SOURCE,
    asOf: TIERS_AS_OF,
  };
}

/** The tiers of one rate-limit scheme, smallest first. */
export function tiersOf(scheme: TierScheme): RateLimitTier[] {
  return RATE_LIMIT_TIERS.filter((candidate) => candidate.scheme === scheme);
}

const LATENCY_SOURCE = 'reference article (2026): US-East, tail during regional capacity events';

/**
 * Time to first token on the API. Only Sonnet 4.6 has a published figure (400-600 ms typical,
 * a 5-10 s tail in regional capacity events); Opus and Haiku reuse it until a source says more.
 */
export const API_LATENCY: readonly ApiLatency[] = (['opus', 'sonnet', 'haiku'] as const).map(
  (claudeClass) => ({
    claudeClass,
    ttftP50Ms: 500,
    ttftP99Ms: 5_000,
    source: claudeClass === 'sonnet' ? LATENCY_SOURCE : `${LATENCY_SOURCE}; Sonnet's figure`,
    asOf: '2026-05-01',
  }),
);

/** The API's time to first token for a model class, with its source. */
export function apiLatencyOf(claudeClass: ClaudeClass): ApiLatency {
  const found = API_LATENCY.find((entry) => entry.claudeClass === claudeClass);
  if (!found) throw new Error(`no latency figure for ${claudeClass}`);
  return found;
}

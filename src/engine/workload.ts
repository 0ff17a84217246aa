import { z } from 'zod';

/** Days in the month every monthly figure assumes: 50,000 a day is 1.5M a month. */
export const DAYS_PER_MONTH = 30;
export const HOURS_PER_MONTH = DAYS_PER_MONTH * 24;

export const BANDS = ['stay-on-api', 'optimize-cache', 'evaluate', 'self-host'] as const;
export type Band = (typeof BANDS)[number];

export const SCHEDULES = ['always', 'business-hours', 'autoscale'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export const PRECISIONS = ['fp4', 'fp8', 'bf16'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const CACHE_TTLS = ['5m', '1h'] as const;
export type CacheTtl = (typeof CACHE_TTLS)[number];

export const TIER_SCHEMES = ['tiers-1-4', 'start-build-scale'] as const;
export type TierScheme = (typeof TIER_SCHEMES)[number];

const tokens = (max: number) => z.number().int().min(0).max(max);
const positiveCount = (max: number) => z.number().int().min(1).max(max);

/**
 * One agent workload as a reviewer describes it. Every default is the reference article's
 * profile: 4K system prompt and 8K tool definitions (the stable, cacheable prefix), 1.5K of
 * retrieved context and a 500-token user message (the variable part), 2K tokens of output,
 * 1.5M requests a month with an 80% cache hit rate on the prefix, Sonnet 4.6 against Llama 4
 * Maverick. Fields the user leaves out that the engine can choose (GPU, GPUs per replica,
 * precision, price) stay undefined so the report can say it chose them.
 */
export const workloadSchema = z.object({
  requestsPerMonth: z.number().min(1).max(1e12).default(1_500_000),
  peakToAverage: z.number().min(1).max(100).default(1),

  systemTokens: tokens(2_000_000).default(4_000),
  toolTokens: tokens(2_000_000).default(8_000),
  contextTokens: tokens(2_000_000).default(1_500),
  userTokens: tokens(2_000_000).default(500),
  outputTokens: positiveCount(1_000_000).default(2_000),

  cacheHitRate: z.number().min(0).max(1).default(0.8),
  cacheTtl: z.enum(CACHE_TTLS).default('5m'),

  apiModel: z.string().min(1).max(100).default('claude-sonnet-4-6'),
  tierScheme: z.enum(TIER_SCHEMES).default('start-build-scale'),
  batchShare: z.number().min(0).max(1).default(0),

  openModel: z.string().min(1).max(100).default('llama-4-maverick'),
  gpu: z.string().min(1).max(100).optional(),
  gpusPerReplica: positiveCount(64).optional(),
  precision: z.enum(PRECISIONS).optional(),
  gpuHourlyUsd: z.number().gt(0).max(1_000).optional(),
  prefillTps: z.number().gt(0).max(1e9).optional(),
  decodeTps: z.number().gt(0).max(1e9).optional(),
  schedule: z.enum(SCHEDULES).default('always'),
  autoscaleFloor: z.number().int().min(0).max(10_000).default(1),
  opsMonthlyUsd: z.number().min(0).max(1e8).default(15_000),

  agentSteps: positiveCount(1_000).default(1),
  toolResultTokens: tokens(1_000_000).default(0),

  ttftTargetMs: z.number().gt(0).max(600_000).optional(),
  compliance: z.boolean().default(false),
});

/** A workload with every default filled in. */
export type Workload = z.output<typeof workloadSchema>;

/** What a user may give: any subset of the fields. */
export type WorkloadInput = z.input<typeof workloadSchema>;

/** The reference article's profile, every default applied. */
export const referenceWorkload: Workload = workloadSchema.parse({});

/** Tokens of the stable prefix (system prompt and tool definitions) that prompt caching serves. */
export function prefixTokens(workload: Workload): number {
  return workload.systemTokens + workload.toolTokens;
}

/** Tokens of input that change from one request to the next. */
export function variableTokens(workload: Workload): number {
  return workload.contextTokens + workload.userTokens;
}

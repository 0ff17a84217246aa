import type { ClaudePrices, RateLimitTier } from './catalog/types.ts';
import type { Band, Precision, Schedule, TierScheme, Workload } from './workload.ts';

/** Average tokens of one API request, split the way Claude bills them. */
export interface RequestTokens {
  /** Input billed at the plain input price (variable part, plus a prefix too short to cache). */
  uncachedInput: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  /** All input tokens the model reads: uncached + read + written. */
  totalInput: number;
}

/** US dollars of one average request, by what is billed. */
export interface RequestCost {
  uncachedInput: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  total: number;
}

export interface RateLimitCheck {
  scheme: TierScheme;
  requiredRpm: number;
  requiredItpm: number;
  requiredOtpm: number;
  /** The smallest tier whose limits the peak minute fits, or null when none does. */
  minTier: string | null;
  /** For each tier: whether it fits and the smallest headroom (limit ÷ need) over the three limits. */
  tiers: { name: string; fits: boolean; headroom: number; howToReach: string }[];
  asOf: string;
  source: string;
}

export interface AgentTask {
  steps: number;
  /** Per task, summed over its steps. */
  tokensPerTask: RequestTokens;
  costPerTask: number;
  tasksPerMonth: number;
}

export interface ReplicaCapacityFigures {
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** Requests a second one replica sustains for this workload's shape. */
  requestsPerSecond: number;
  /** Concurrent sequences the KV cache holds at this workload's context length. */
  maxConcurrency: number;
  kvCacheTokens: number;
  /** True when the figures come from the user's own measurements, not the model. */
  measured: boolean;
}

export interface SelfHostReport {
  model: string;
  modelName: string;
  gpu: string;
  gpuName: string;
  gpusPerReplica: number;
  precision: Precision;
  /** True when the engine picked GPU, count or precision because the workload did not name them. */
  chosen: boolean;
  gpuHourlyUsd: number;
  gpuPriceSource: string;
  gpuPriceAsOf: string;
  capacity: ReplicaCapacityFigures;
  schedule: Schedule;
  /** Replicas the peak minute needs. */
  replicas: number;
  /** Replica-hours billed a month, after the schedule. */
  replicaHoursPerMonth: number;
  /** Mean load over the hours billed, as a share of what the billed replicas could serve. */
  utilisation: number;
  /** GPUs only. */
  monthlyCost: number;
  opsMonthlyUsd: number;
  /** GPUs plus operating cost. */
  monthlyCostLoaded: number;
  costPerRequest: number;
  costPerRequestLoaded: number;
}

export interface ApiReport {
  model: string;
  modelName: string;
  prices: ClaudePrices;
  pricesAsOf: string;
  tokensPerRequest: RequestTokens;
  costBreakdown: RequestCost;
  costPerRequest: number;
  monthlyCost: number;
  /** Share of requests sent through the Batch API at half price. */
  batchShare: number;
  rateLimits: RateLimitCheck;
  /** True when the prefix is shorter than the model's minimum and nothing is cached. */
  prefixTooShortToCache: boolean;
}

export interface LatencyReport {
  /** The API's typical time to first token, and its tail. */
  apiTtftMs: number;
  apiTtftP99Ms: number;
  apiSource: string;
  selfHostTtftMs: number;
  selfHostTpotMs: number;
  /** Requests in flight on one replica at the peak. */
  concurrencyPerReplica: number;
  ttftTargetMs: number | null;
  apiMeetsTarget: boolean | null;
  selfHostMeetsTarget: boolean | null;
}

export interface CrossoverReport {
  /** Monthly requests where the cluster alone costs what the API does; null when they do not cross. */
  requestsPerMonth: number | null;
  /** The same with the operating cost added to the cluster. */
  requestsPerMonthLoaded: number | null;
}

/** Monthly cost against monthly requests, for the chart. */
export interface CostSweep {
  requestsPerMonth: number[];
  api: number[];
  selfHost: number[];
  selfHostLoaded: number[];
}

export interface SensitivityPoint {
  value: number;
  crossoverLoaded: number | null;
  band: Band;
}

export interface SensitivityReport {
  cacheHitRate: SensitivityPoint[];
  gpuHourlyUsd: SensitivityPoint[];
}

export interface QualityCaveat {
  claudeClass: string;
  standIns: string[];
  chosenIsStandIn: boolean;
  gap: string;
}

/** What the engine returns for one workload and one catalog. */
export interface Report {
  workload: Workload;
  catalog: { asOf: string };
  api: ApiReport;
  selfHost: SelfHostReport;
  crossover: CrossoverReport;
  latency: LatencyReport;
  agent: AgentTask | null;
  sensitivity: SensitivityReport;
  quality: QualityCaveat;
  sweep: CostSweep;
  band: Band;
  /** Why the band is what it is, most decisive first. */
  reasons: string[];
}

export type { RateLimitTier };

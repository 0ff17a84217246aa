import type { Precision, TierScheme } from '../workload.ts';

/** Where a figure was read, and when: prices and specs move, so every entry says both. */
export interface Sourced {
  source: string;
  /** ISO date (YYYY-MM-DD) the figure was read or published. */
  asOf: string;
}

export interface GpuPrice extends Sourced {
  vendor: string;
  usdPerHour: number;
}

export interface Gpu extends Sourced {
  id: string;
  name: string;
  memoryGb: number;
  /** HBM bandwidth in TB/s. */
  memoryBandwidthTBs: number;
  /** Dense tensor throughput in TFLOPS (no sparsity), by precision; absent where the chip lacks it. */
  denseTflops: Partial<Record<Precision, number>>;
  /** The link between GPUs of one node, and its bandwidth per GPU in one direction (GB/s). */
  interconnect: { kind: 'nvlink' | 'pcie'; gbPerSecond: number };
  /** Vendor prices, on demand; the first is the catalog's default. */
  prices: GpuPrice[];
}

/** A Claude model class for rate limits and for the open-weight stand-in mapping. */
export type ClaudeClass = 'opus' | 'sonnet' | 'haiku';

export interface OpenModel extends Sourced {
  id: string;
  aliases: string[];
  name: string;
  totalParamsB: number;
  activeParamsB: number;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  /** Multi-head latent attention (DeepSeek V3): the cached latent and rope sizes per token and layer. */
  mla?: { kvLoraRank: number; ropeHeadDim: number };
  /** Mixture of experts: routed experts, how many each token uses, and the parameters of one. */
  experts?: { routed: number; perToken: number; expertParamsB: number; moeLayers: number };
  /**
   * Layers that attend only to a recent window or chunk of tokens (Llama 4's chunked attention,
   * gpt-oss's sliding window): their KV reads stop growing once the context passes the window.
   */
  localAttention?: { layers: number; windowTokens: number };
  contextLength: number;
  /** Precisions the weights are published in; the first is the default for serving. */
  precisions: Precision[];
  /** Bytes per parameter as shipped, where it is not the precision's nominal size (MXFP4). */
  bytesPerParamOverride?: Partial<Record<Precision, number>>;
  /** Claude classes this model is a published stand-in for, best first. */
  standsInFor: ClaudeClass[];
}

export interface ClaudePrices {
  /** US dollars per million tokens. */
  input: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
}

export interface ClaudeModel {
  id: string;
  name: string;
  claudeClass: ClaudeClass;
  contextWindow: number;
  /** Prefixes shorter than this are not cached at all. */
  minCacheablePrefix: number;
  source: string;
}

export interface RateLimitTier extends Sourced {
  scheme: TierScheme;
  name: string;
  /** Per model class: requests, uncached input tokens (cache writes included), output tokens a minute. */
  limits: Record<ClaudeClass, { rpm: number; itpm: number; otpm: number }>;
  /** What it takes to reach the tier, where that is published. */
  howToReach: string;
}

export interface ApiLatency extends Sourced {
  claudeClass: ClaudeClass;
  ttftP50Ms: number;
  ttftP99Ms: number;
}

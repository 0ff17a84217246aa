import type { Gpu, OpenModel } from './catalog/types.ts';
import {
  type KvCachePrecision,
  memoryFit,
  minGpus,
  type Parallelism,
  PREFILL_CHUNK_TOKENS,
} from './memory-fit.ts';
import { MAX_SEQS_PER_SCHEDULER, type StepLoad, schedulers, stepSeconds } from './throughput.ts';
import type { Precision } from './workload.ts';

export type { KvCachePrecision, Parallelism } from './memory-fit.ts';
export { memoryFit, minGpus } from './memory-fit.ts';
export { expectedDistinctExperts } from './throughput.ts';

/** One replica: a model on N GPUs of one kind at one precision. */
export interface ReplicaSpec {
  model: OpenModel;
  gpu: Gpu;
  gpus: number;
  precision: Precision;
  /** How the GPUs split the model; by default data-expert for MLA mixtures, else tensor. */
  parallelism?: Parallelism;
  /** KV cache element type; BF16 by default, as vLLM and SGLang ship. */
  kvCachePrecision?: KvCachePrecision;
}

export interface RequestShape {
  /** Context length the request occupies in the KV cache. */
  inputTokens: number;
  outputTokens: number;
  /** Prefix-cache hits: these input tokens skip prefill (default 0). */
  cachedPrefixTokens?: number;
}

export interface MemoryFit {
  fits: boolean;
  /** Weights across the replica, replicated copies included (GB of 10⁹ bytes). */
  weightsGb: number;
  /** KV bytes one token of context stores across the replica, replicated copies included. */
  kvBytesPerToken: number;
  overheadGb: number;
  freeForKvGb: number;
  kvCacheTokens: number;
}

export interface ReplicaCapacity {
  fits: boolean;
  minGpus: number | null;
  kvCacheTokens: number;
  /** Sequences decoding at once at steady state, for this request shape. */
  maxConcurrency: number;
  prefillTokensPerSecond: number;
  /** Output tokens a second at maxConcurrency with no prefill in the way. */
  decodeTokensPerSecond: number;
  /** Output tokens a second per GPU, prefill included: the maximum-throughput operating point. */
  maxOutputTokensPerSecondPerGpu: number;
  requestsPerSecond: number;
}

interface Shape {
  input: number;
  output: number;
  cached: number;
  prefill: number;
}

function normalise(shape: RequestShape): Shape {
  const input = Math.max(0, shape.inputTokens);
  const output = Math.max(1, shape.outputTokens);
  const cached = Math.min(input, Math.max(0, shape.cachedPrefixTokens ?? 0));

  return { input, output, cached, prefill: input - cached };
}

/** Tokens each prompt token attends to on average: the cached prefix and half the rest. */
function prefillContext(shape: Shape): number {
  return shape.cached + shape.prefill / 2;
}

/** Tokens each decoding sequence attends to on average: its input and half its output. */
function decodeContext(shape: Shape): number {
  return shape.input + shape.output / 2;
}

/**
 * Sequences the KV cache holds at steady state; none when one request alone exceeds the cache
 * or the model's context. The cached prefix is the stable part shared by
 * every request (system prompt, tools), so each scheduler's prefix cache stores it once; each
 * sequence adds its own input and, on average, half its output, as paged schedulers (vLLM,
 * SGLang) allocate while tokens arrive. Capped by the scheduler's batch.
 */
function maxConcurrencyOf(spec: ReplicaSpec, shape: Shape, kvCacheTokens: number): number {
  const length = shape.input + shape.output;
  if (length > spec.model.contextLength || length > kvCacheTokens) return 0;

  const shared = shape.cached * schedulers(spec);
  const perSequence = shape.prefill + shape.output / 2;
  const held = Math.floor((kvCacheTokens - shared) / Math.max(1, perSequence));

  return Math.max(0, Math.min(held, MAX_SEQS_PER_SCHEDULER * schedulers(spec)));
}

/**
 * Prompt tokens a second when the replica does nothing else: full chunks of
 * PREFILL_CHUNK_TOKENS on every scheduler, compute-bound unless the chunk is tiny.
 */
function prefillThroughput(spec: ReplicaSpec, shape: Shape): number {
  const tokens = PREFILL_CHUNK_TOKENS * schedulers(spec);
  const load: StepLoad = {
    decodeSeqs: 0,
    decodeContext: 0,
    prefillTokens: tokens,
    prefillContext: prefillContext(shape),
  };

  return tokens / stepSeconds(spec, load);
}

function stepWithPrompt(spec: ReplicaSpec, shape: Shape, seqs: number, prompt: number): number {
  return stepSeconds(spec, {
    decodeSeqs: seqs,
    decodeContext: decodeContext(shape),
    prefillTokens: prompt,
    prefillContext: prefillContext(shape),
  });
}

/**
 * The mean step with `seqs` sequences decoding while the prompts of `arrivingSeqs` requests a
 * request's output length join (continuous batching). A scheduler takes a prompt in chunks of up
 * to PREFILL_CHUNK_TOKENS, so some steps carry a chunk and the rest decode only; once prompts
 * arrive faster than one chunk a step, every step carries their mean share.
 */
function meanStep(spec: ReplicaSpec, shape: Shape, seqs: number, arrivingSeqs: number): number {
  const promptPerStep = (arrivingSeqs * shape.prefill) / shape.output;
  const chunk = Math.min(shape.prefill, PREFILL_CHUNK_TOKENS) * schedulers(spec);
  if (promptPerStep <= 0 || chunk <= 0) return stepWithPrompt(spec, shape, seqs, 0);
  if (promptPerStep >= chunk) return stepWithPrompt(spec, shape, seqs, promptPerStep);

  const share = promptPerStep / chunk;

  return (
    share * stepWithPrompt(spec, shape, seqs, chunk) +
    (1 - share) * stepWithPrompt(spec, shape, seqs, 0)
  );
}

const NO_CAPACITY = {
  maxConcurrency: 0,
  prefillTokensPerSecond: 0,
  decodeTokensPerSecond: 0,
  maxOutputTokensPerSecondPerGpu: 0,
  requestsPerSecond: 0,
};

/**
 * What one replica sustains for this request shape at maximum throughput: as many sequences as
 * the KV cache holds decode together while the prompts of arriving requests share their steps
 * (so prefill uses compute that memory-bound decode leaves idle). Decode alone is reported too.
 */
export function replicaCapacity(spec: ReplicaSpec, request: RequestShape): ReplicaCapacity {
  const shape = normalise(request);
  const fit = memoryFit(spec);
  const fewest = minGpus(spec.model, spec.gpu, spec.precision);
  const maxConcurrency = maxConcurrencyOf(spec, shape, fit.kvCacheTokens);
  const base = { fits: fit.fits, minGpus: fewest, kvCacheTokens: fit.kvCacheTokens };

  if (!fit.fits || maxConcurrency < 1) return { ...base, ...NO_CAPACITY };

  const decodeOnly = meanStep(spec, shape, maxConcurrency, 0);
  const mixed = meanStep(spec, shape, maxConcurrency, maxConcurrency);
  const outputPerSecond = maxConcurrency / mixed;

  return {
    ...base,
    maxConcurrency,
    prefillTokensPerSecond: prefillThroughput(spec, shape),
    decodeTokensPerSecond: maxConcurrency / decodeOnly,
    maxOutputTokensPerSecondPerGpu: outputPerSecond / spec.gpus,
    requestsPerSecond: outputPerSecond / shape.output,
  };
}

/** Seconds a request's own prompt takes, chunk by chunk, beside `others` decoding sequences. */
function ownPrefillSeconds(spec: ReplicaSpec, shape: Shape, others: number): number {
  const chunks = Math.max(1, Math.ceil(shape.prefill / PREFILL_CHUNK_TOKENS));
  const load: StepLoad = {
    decodeSeqs: others,
    decodeContext: decodeContext(shape),
    prefillTokens: shape.prefill / chunks,
    prefillContext: prefillContext(shape),
  };

  return chunks * stepSeconds(spec, load);
}

/**
 * Time to first token and time per output token with `concurrency` requests in flight (a closed
 * loop: each user sends again when answered). TPOT is a decode step shared with the other
 * requests' prompt chunks. TTFT is the request's own prompt, plus the wait behind other prompts
 * (M/D/1 queue at the rate requests arrive), plus, beyond what the KV cache holds, the wait for
 * a free slot.
 */
export function latencyAt(
  spec: ReplicaSpec,
  request: RequestShape,
  concurrency: number,
): { ttftMs: number; tpotMs: number } {
  const shape = normalise(request);
  const slots = maxConcurrencyOf(spec, shape, memoryFit(spec).kvCacheTokens);
  if (slots < 1) return { ttftMs: Number.POSITIVE_INFINITY, tpotMs: Number.POSITIVE_INFINITY };

  const active = Math.max(1, Math.min(Math.round(concurrency), slots));
  const tpot = meanStep(spec, shape, active, active - 1);
  const prefill = ownPrefillSeconds(spec, shape, active - 1);
  const requestSeconds = prefill + (shape.output - 1) * tpot;

  const utilisation = Math.min(0.95, ((active - 1) / requestSeconds) * prefill);
  const prefillWait = (utilisation / (2 * (1 - utilisation))) * prefill;
  const slotWait = Math.max(0, concurrency - slots) / (slots / requestSeconds);

  return { ttftMs: (prefill + prefillWait + slotWait) * 1000, tpotMs: tpot * 1000 };
}

/**
 * Whether the model ships in this precision and the GPU can serve it: with tensor cores for it,
 * or, for a model released in FP4 (gpt-oss's MXFP4), through the weight-only kernels that serve
 * that release on GPUs without FP4 tensor cores, widening the weights to the GPU's own type.
 */
export function supportsPrecision(model: OpenModel, gpu: Gpu, precision: Precision): boolean {
  if (!model.precisions.includes(precision)) return false;
  if (gpu.denseTflops[precision] !== undefined) return true;
  return precision === 'fp4' && model.precisions[0] === 'fp4';
}

import type { MemoryFit, ReplicaSpec } from './capacity.ts';
import type { Gpu, OpenModel } from './catalog/types.ts';
import type { Precision } from './workload.ts';

/**
 * How a replica's GPUs split the model. `tensor`: every matrix sharded across the GPUs, an
 * all-reduce after each attention and MLP block. `data-expert`: each GPU runs attention for its
 * own sequences with a full copy of the non-expert weights, and the routed experts are spread
 * across the GPUs (SGLang's and TensorRT-LLM's "DP attention + EP").
 */
export type Parallelism = 'tensor' | 'data-expert';

/** Element type of the KV cache. BF16 is vLLM's and SGLang's default; FP8 halves it. */
export type KvCachePrecision = 'bf16' | 'fp8';

/** Datasheet "GB" of HBM are binary: an H100 80GB reports 79.6 GiB to the driver. */
const BYTES_PER_DATASHEET_GB = 2 ** 30;
const BYTES_PER_GB = 1e9;

/** Share of GPU memory the server claims, vLLM's default `gpu_memory_utilization`. */
export const GPU_MEMORY_UTILISATION = 0.9;

/** Per GPU: CUDA context, CUDA graphs, NCCL buffers and the sampler's working memory. */
const RUNTIME_RESERVE_GB = 5;

/** Prompt tokens one step computes at most (vLLM's default `max_num_batched_tokens`). */
export const PREFILL_CHUNK_TOKENS = 8192;

/** BF16 hidden-sized tensors alive at the peak of a prefill chunk (residual, norms, MLP). */
const ACTIVATION_TENSORS = 16;

/**
 * Smallest KV cache a replica must keep to count as fitting: one 32K-token request (or the whole
 * context, if the model's is shorter). Less serves no realistic agent prompt.
 */
export const MIN_KV_TOKENS = 32_768;

/** GPU counts minGpus tries: powers of two divide every catalog model's attention heads. */
export const GPU_COUNTS = [1, 2, 4, 8, 16, 32] as const;

const NOMINAL_BYTES_PER_PARAM: Record<Precision, number> = {
  // NVFP4: 4-bit values plus one FP8 scale per 16 of them.
  fp4: 0.5625,
  fp8: 1,
  bf16: 2,
};

const KV_BYTES: Record<KvCachePrecision, number> = { bf16: 2, fp8: 1 };

/** The layout a spec runs: its own, else data-expert for MLA mixtures (see kvReplication). */
export function parallelismOf(spec: ReplicaSpec): Parallelism {
  if (spec.parallelism) return spec.parallelism;

  return spec.model.mla && spec.model.experts ? 'data-expert' : 'tensor';
}

/** Bytes one weight takes at this precision, as the checkpoint ships it. */
export function bytesPerParam(model: OpenModel, precision: Precision): number {
  return model.bytesPerParamOverride?.[precision] ?? NOMINAL_BYTES_PER_PARAM[precision];
}

/** Billions of parameters in routed experts, and in everything a token always passes through. */
export function paramSplit(model: OpenModel): { expertB: number; denseB: number } {
  const experts = model.experts;
  const expertB = experts ? experts.routed * experts.expertParamsB * experts.moeLayers : 0;

  return { expertB, denseB: model.totalParamsB - expertB };
}

/** Copies of the non-expert weights the replica holds: one per GPU under data-expert. */
export function denseCopies(spec: ReplicaSpec): number {
  return parallelismOf(spec) === 'data-expert' ? spec.gpus : 1;
}

/** Weights loaded across the replica in GB, replicated copies included. */
export function weightsGb(spec: ReplicaSpec): number {
  const { expertB, denseB } = paramSplit(spec.model);
  const params = expertB + denseB * denseCopies(spec);

  return (params * 1e9 * bytesPerParam(spec.model, spec.precision)) / BYTES_PER_GB;
}

/** KV bytes one token stores in one layer: K and V per KV head, or MLA's latent and rope key. */
export function kvBytesPerTokenPerLayer(model: OpenModel, kv: KvCachePrecision): number {
  const width = model.mla
    ? model.mla.kvLoraRank + model.mla.ropeHeadDim
    : 2 * model.kvHeads * model.headDim;

  return width * KV_BYTES[kv];
}

/**
 * How many GPUs store each token's KV. Tensor parallelism splits KV by head, so a GPU count above
 * the KV heads copies heads; MLA's latent has no heads to split, so every GPU keeps all of it,
 * which is why servers run MLA models with data-parallel attention instead.
 */
export function kvReplication(spec: ReplicaSpec): number {
  if (parallelismOf(spec) === 'data-expert') return 1;

  if (spec.model.mla) return spec.gpus;

  return Math.max(1, spec.gpus / spec.model.kvHeads);
}

/**
 * Memory a replica holds back from the KV cache, in GB: the share the server leaves unclaimed, a
 * runtime reserve, and the activations of one prefill chunk, on every GPU.
 */
function overheadGb(spec: ReplicaSpec): number {
  const unclaimed = spec.gpu.memoryGb * BYTES_PER_DATASHEET_GB * (1 - GPU_MEMORY_UTILISATION);
  const activations = PREFILL_CHUNK_TOKENS * spec.model.hiddenSize * 2 * ACTIVATION_TENSORS;
  const perGpu = (unclaimed + activations) / BYTES_PER_GB + RUNTIME_RESERVE_GB;

  return perGpu * spec.gpus;
}

function capacityGb(gpu: Gpu, gpus: number): number {
  return (gpu.memoryGb * BYTES_PER_DATASHEET_GB * gpus) / BYTES_PER_GB;
}

/**
 * Models one replica's memory: weights as shipped at this precision, a KV cache sized from the
 * architecture (every layer at full length, as vLLM allocates even for Llama 4's chunked layers),
 * and the server's overhead. Fits when the KV cache left holds at least one MIN_KV_TOKENS request.
 */
export function memoryFit(spec: ReplicaSpec): MemoryFit {
  const kvPrecision = spec.kvCachePrecision ?? 'bf16';
  const kvBytesPerToken =
    kvBytesPerTokenPerLayer(spec.model, kvPrecision) * spec.model.layers * kvReplication(spec);
  const weights = weightsGb(spec);
  const overhead = overheadGb(spec);

  const freeForKvGb = capacityGb(spec.gpu, spec.gpus) - weights - overhead;
  const kvCacheTokens = Math.max(0, Math.floor((freeForKvGb * BYTES_PER_GB) / kvBytesPerToken));
  const fits = kvCacheTokens >= Math.min(MIN_KV_TOKENS, spec.model.contextLength);

  return {
    fits,
    weightsGb: weights,
    kvBytesPerToken,
    overheadGb: overhead,
    freeForKvGb,
    kvCacheTokens,
  };
}

/**
 * The smallest GPU count (1, 2, 4 … 32) on which the model fits at this precision with its
 * default layout and a BF16 KV cache, or null when even 32 GPUs are not enough.
 */
export function minGpus(model: OpenModel, gpu: Gpu, precision: Precision): number | null {
  const fitting = GPU_COUNTS.find((gpus) => memoryFit({ model, gpu, gpus, precision }).fits);

  return fitting ?? null;
}

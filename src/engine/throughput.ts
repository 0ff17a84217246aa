import type { ReplicaSpec } from './capacity.ts';
import type { OpenModel } from './catalog/types.ts';
import {
  bytesPerParam,
  denseCopies,
  kvBytesPerTokenPerLayer,
  kvReplication,
  parallelismOf,
  paramSplit,
} from './memory-fit.ts';

/*
 * One serving step, from first principles: the GPUs stream the weights the step's tokens touch
 * and the KV cache its sequences attend to, and do the arithmetic; whichever takes longer sets
 * the time, phase by phase. The efficiency factors below are what real kernels reach of the
 * datasheet peaks; they were set against ../shared/reference/throughput-benchmarks.csv.
 */

/** Share of peak HBM bandwidth a kernel streaming weights or KV reaches. */
const HBM_EFFICIENCY = 0.8;

/** Share of dense tensor peak the weight matmuls reach once compute-bound. */
const GEMM_EFFICIENCY = 0.6;

/**
 * Share of the dense-matmul rate a routed-expert layer reaches: routing, permuting tokens to
 * their experts, grouped matmuls with few tokens an expert, and the busiest expert's load.
 */
const MOE_EFFICIENCY = 0.5;

/** Share of BF16 peak attention kernels reach (FlashAttention-class). */
const ATTENTION_EFFICIENCY = 0.5;

/** Scheduling, sampling and launch gaps every step pays, whatever its size. */
const STEP_OVERHEAD_S = 0.002;

/** Share of link bandwidth a collective reaches, and the latency of one collective. */
const LINK_EFFICIENCY = 0.7;
const COLLECTIVE_LATENCY_S = { nvlink: 10e-6, pcie: 25e-6, network: 25e-6 };

/** GPUs that share NVLink; beyond a node, traffic crosses a 400 Gb/s NIC per GPU. */
const GPUS_PER_NODE = 8;
const NETWORK_GB_PER_S = 50;

/** Sequences one scheduler batches at most: vLLM's long-standing default `max_num_seqs`. */
export const MAX_SEQS_PER_SCHEDULER = 256;

/** What one step computes: decoding sequences and prompt tokens, with what each attends to. */
export interface StepLoad {
  decodeSeqs: number;
  /** Tokens of context each decoding sequence attends to. */
  decodeContext: number;
  prefillTokens: number;
  /** Tokens each prompt token attends to, on average. */
  prefillContext: number;
}

/**
 * Expected number of distinct experts a batch of tokens touches in one MoE layer, each token
 * picking k of E at random: E × (1 − (1 − k/E)^tokens). Routing is not uniform in practice, so
 * this is an upper bound on the weights a step reads.
 */
export function expectedDistinctExperts(routed: number, perToken: number, tokens: number): number {
  if (tokens <= 0) return 0;

  return routed * (1 - (1 - perToken / routed) ** tokens);
}

/** Schedulers in a replica: one per GPU under data-parallel attention, else one. */
export function schedulers(spec: ReplicaSpec): number {
  return parallelismOf(spec) === 'data-expert' ? spec.gpus : 1;
}

function gemmTflops(spec: ReplicaSpec): number {
  const peaks = spec.gpu.denseTflops;

  return peaks[spec.precision] ?? peaks.bf16 ?? 0;
}

/** Seconds to stream `bytes` and do `flops` of matmuls, whichever is longer. */
function roofline(spec: ReplicaSpec, bytes: number, flops: number): number {
  const memory = bytes / (spec.gpus * spec.gpu.memoryBandwidthTBs * 1e12 * HBM_EFFICIENCY);
  const compute = flops / (spec.gpus * gemmTflops(spec) * 1e12 * GEMM_EFFICIENCY);

  return Math.max(memory, compute);
}

/**
 * Weight matmuls of one step: the always-on weights (attention, dense and shared MLPs), one copy
 * per scheduler; then the routed experts the step's tokens touch, at MOE_EFFICIENCY.
 */
function weightSeconds(spec: ReplicaSpec, tokens: number): number {
  if (tokens <= 0) return 0;

  const bytesPerB = 1e9 * bytesPerParam(spec.model, spec.precision);
  const { denseB } = paramSplit(spec.model);
  const experts = spec.model.experts;
  const activeExpertB = experts ? experts.moeLayers * experts.expertParamsB * experts.perToken : 0;
  const dense = roofline(
    spec,
    denseB * denseCopies(spec) * bytesPerB,
    2 * (spec.model.activeParamsB - activeExpertB) * 1e9 * tokens,
  );
  if (!experts) return dense;

  const touched = expectedDistinctExperts(experts.routed, experts.perToken, tokens);
  const routed = roofline(
    spec,
    experts.moeLayers * experts.expertParamsB * touched * bytesPerB,
    2 * activeExpertB * 1e9 * tokens,
  );

  return dense + routed / MOE_EFFICIENCY;
}

/** Layer-tokens one query attends to at this context, local layers capped at their window. */
function attendedLayerTokens(model: OpenModel, context: number): number {
  const local = model.localAttention;
  if (!local) return model.layers * context;

  const globalLayers = model.layers - local.layers;

  return globalLayers * context + local.layers * Math.min(context, local.windowTokens);
}

/**
 * Attention FLOPs of one query token: QKᵀ and AV. MLA decodes in the absorbed form (every head
 * against the 512-wide latent) and prefills in the expanded one (128-wide heads).
 */
function attentionFlops(model: OpenModel, context: number, phase: 'decode' | 'prefill'): number {
  const layerTokens = attendedLayerTokens(model, context);
  if (!model.mla) return 4 * model.attentionHeads * model.headDim * layerTokens;

  const width =
    phase === 'decode'
      ? 2 * model.mla.kvLoraRank + model.mla.ropeHeadDim
      : 2 * model.headDim + model.mla.ropeHeadDim;

  return 2 * model.attentionHeads * width * layerTokens;
}

function attentionSeconds(spec: ReplicaSpec, load: StepLoad): number {
  const kv = spec.kvCachePrecision ?? 'bf16';
  const perLayer = kvBytesPerTokenPerLayer(spec.model, kv);
  const bandwidth = spec.gpus * spec.gpu.memoryBandwidthTBs * 1e12 * HBM_EFFICIENCY;
  const flopsPerSecond = spec.gpus * (spec.gpu.denseTflops.bf16 ?? 0) * 1e12 * ATTENTION_EFFICIENCY;

  const decodeBytes =
    load.decodeSeqs * perLayer * attendedLayerTokens(spec.model, load.decodeContext);
  const decodeRead = (decodeBytes * kvReplication(spec)) / bandwidth;
  const decodeFlops = load.decodeSeqs * attentionFlops(spec.model, load.decodeContext, 'decode');
  const prefillFlops =
    load.prefillTokens * attentionFlops(spec.model, load.prefillContext, 'prefill');

  return Math.max(decodeRead, decodeFlops / flopsPerSecond) + prefillFlops / flopsPerSecond;
}

function nvlinkSecondsPerByte(spec: ReplicaSpec): number {
  return 1 / (spec.gpu.interconnect.gbPerSecond * 1e9 * LINK_EFFICIENCY);
}

const NETWORK_SECONDS_PER_BYTE = 1 / (NETWORK_GB_PER_S * 1e9 * LINK_EFFICIENCY);

/**
 * Two ring all-reduces of the BF16 hidden state a layer; across nodes the ring runs at the
 * network's pace.
 */
function allReduceSeconds(spec: ReplicaSpec, tokens: number): number {
  const n = spec.gpus;
  const collectives = 2 * spec.model.layers;
  const bytesPerGpu = collectives * tokens * spec.model.hiddenSize * 2 * ((2 * (n - 1)) / n);

  if (n > GPUS_PER_NODE) {
    return collectives * COLLECTIVE_LATENCY_S.network + bytesPerGpu * NETWORK_SECONDS_PER_BYTE;
  }

  const latency = COLLECTIVE_LATENCY_S[spec.gpu.interconnect.kind];

  return collectives * latency + bytesPerGpu * nvlinkSecondsPerByte(spec);
}

/**
 * Each MoE layer dispatches every token to its k experts in FP8 and combines the answers in BF16
 * (3 bytes a hidden unit). Within a node that is one copy per expert over NVLink; across nodes a
 * token crosses the network once per distinct remote node (hierarchical all-to-all, as DeepEP).
 */
function allToAllSeconds(spec: ReplicaSpec, tokens: number): number {
  const experts = spec.model.experts;
  if (!experts) return 0;

  const n = spec.gpus;
  const k = experts.perToken;
  const tokenBytes = (tokens / n) * spec.model.hiddenSize * 3;
  const nodes = Math.ceil(n / GPUS_PER_NODE);
  const local = Math.min(n, GPUS_PER_NODE);

  const intraNode = tokenBytes * k * ((local - 1) / n) * nvlinkSecondsPerByte(spec);
  if (nodes === 1) {
    const latency = COLLECTIVE_LATENCY_S[spec.gpu.interconnect.kind];

    return experts.moeLayers * (2 * latency + intraNode);
  }

  const remoteNodes = expectedDistinctExperts(nodes, 1, k) * ((nodes - 1) / nodes);
  const interNode = tokenBytes * remoteNodes * NETWORK_SECONDS_PER_BYTE;

  return experts.moeLayers * (2 * COLLECTIVE_LATENCY_S.network + intraNode + interNode);
}

/** Communication of one step, by layout; a single GPU talks to nobody. */
function communicationSeconds(spec: ReplicaSpec, tokens: number): number {
  if (spec.gpus <= 1 || tokens <= 0) return 0;

  return parallelismOf(spec) === 'tensor'
    ? allReduceSeconds(spec, tokens)
    : allToAllSeconds(spec, tokens);
}

/**
 * Seconds one step takes: weight matmuls (memory- or compute-bound), attention (KV reads or
 * arithmetic), communication, and a fixed overhead, one after another as the kernels run.
 */
export function stepSeconds(spec: ReplicaSpec, load: StepLoad): number {
  const tokens = load.decodeSeqs + load.prefillTokens;

  return (
    weightSeconds(spec, tokens) +
    attentionSeconds(spec, load) +
    communicationSeconds(spec, tokens) +
    STEP_OVERHEAD_S
  );
}

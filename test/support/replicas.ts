import type { ReplicaSpec } from '../../src/engine/capacity.ts';
import { findGpu } from '../../src/engine/catalog/gpus.ts';
import { findOpenModel } from '../../src/engine/catalog/open-models.ts';
import type { Precision } from '../../src/engine/workload.ts';

/** A replica of catalog entries by id: FP8 unless said otherwise, extra fields as given. */
export function replica(
  model: string,
  gpu: string,
  gpus: number,
  precision: Precision = 'fp8',
  extra: Partial<ReplicaSpec> = {},
): ReplicaSpec {
  const foundModel = findOpenModel(model);
  const foundGpu = findGpu(gpu);
  if (!foundModel || !foundGpu) throw new Error(`no ${model} or ${gpu} in the catalog`);

  return { model: foundModel, gpu: foundGpu, gpus, precision, ...extra };
}

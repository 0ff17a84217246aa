import {
  latencyAt,
  memoryFit,
  minGpus,
  type ReplicaSpec,
  type RequestShape,
  replicaCapacity,
  supportsPrecision,
} from './capacity.ts';
import { findGpu, GPUS } from './catalog/gpus.ts';
import { findOpenModel, OPEN_MODELS } from './catalog/open-models.ts';
import type { Gpu, GpuPrice, OpenModel } from './catalog/types.ts';
import { WorkloadError } from './errors.ts';
import type { ReplicaCapacityFigures } from './report-types.ts';
import { HOURS_PER_MONTH, type Precision, type Schedule, type Workload } from './workload.ts';

/** Business hours: twelve hours a day on weekdays, about 257 hours of a 30-day month. */
export const BUSINESS_HOURS_PER_MONTH = 12 * 30 * (5 / 7);

/**
 * Largest replica the engine proposes on its own: two 8-GPU nodes for NVLink GPUs (sold in
 * nodes with a fast fabric between them), one 8-GPU server for PCIe cards.
 */
function maxGpusPerReplica(gpu: Gpu): number {
  return gpu.interconnect.kind === 'nvlink' ? 16 : 8;
}

/** One replica's configuration and what it sustains for the workload's request shape. */
export interface Replica {
  spec: ReplicaSpec;
  price: GpuPrice;
  hourlyUsd: number;
  capacity: ReplicaCapacityFigures;
  /** True when the engine picked any of GPU, count or precision. */
  chosen: boolean;
}

/** What the cluster costs at one monthly volume. */
export interface ClusterCost {
  replicas: number;
  replicaHoursPerMonth: number;
  utilisation: number;
  monthlyCost: number;
  peakRequestsPerSecond: number;
}

/** Hours a month in which the workload's traffic arrives and the cluster serves it. */
export function servedHoursPerMonth(schedule: Schedule): number {
  return schedule === 'business-hours' ? BUSINESS_HOURS_PER_MONTH : HOURS_PER_MONTH;
}

/**
 * Requests a second in the peak minute: the monthly volume spread over the hours it arrives in,
 * times the peak-to-average ratio. A cluster on business hours receives all its traffic then.
 */
export function peakRequestsPerSecond(
  requestsPerMonth: number,
  workload: Pick<Workload, 'schedule' | 'peakToAverage'>,
): number {
  const meanPerSecond = requestsPerMonth / (servedHoursPerMonth(workload.schedule) * 3600);
  return meanPerSecond * workload.peakToAverage;
}

/**
 * The cluster's monthly GPU bill at a volume. Replicas come whole and are sized for the peak
 * minute. Always-on and business-hours clusters bill every replica for every served hour; an
 * autoscaled one follows the mean load (plus half a replica for rounding up as load moves),
 * never below its floor nor above what the peak needs.
 */
export function clusterCost(
  requestsPerMonth: number,
  replica: Pick<Replica, 'spec' | 'hourlyUsd' | 'capacity'>,
  workload: Pick<Workload, 'schedule' | 'peakToAverage' | 'autoscaleFloor'>,
): ClusterCost {
  const perReplica = replica.capacity.requestsPerSecond;
  const peak = peakRequestsPerSecond(requestsPerMonth, workload);
  const replicas = Math.max(1, Math.ceil(peak / perReplica - 1e-9));
  const hours = servedHoursPerMonth(workload.schedule);

  let replicaHours = replicas * hours;
  if (workload.schedule === 'autoscale') {
    const meanReplicas = requestsPerMonth / (hours * 3600) / perReplica + 0.5;
    const floor = Math.min(workload.autoscaleFloor, replicas);
    replicaHours = Math.min(replicas, Math.max(floor, meanReplicas)) * hours;
  }

  const busyHours = requestsPerMonth / perReplica / 3600;
  return {
    replicas,
    replicaHoursPerMonth: replicaHours,
    utilisation: replicaHours > 0 ? Math.min(1, busyHours / replicaHours) : 0,
    monthlyCost: replicaHours * replica.spec.gpus * replica.hourlyUsd,
    peakRequestsPerSecond: peak,
  };
}

/** The request as a server sees it: context held in the KV cache, prefix-cache hits skip prefill. */
export function serverShape(totalInput: number, cacheRead: number, output: number): RequestShape {
  return { inputTokens: totalInput, outputTokens: output, cachedPrefixTokens: cacheRead };
}

function capacityFigures(
  spec: ReplicaSpec,
  shape: RequestShape,
  workload: Workload,
): ReplicaCapacityFigures {
  const modelled = replicaCapacity(spec, shape);
  const prefill = workload.prefillTps ?? modelled.prefillTokensPerSecond;
  const decode = workload.decodeTps ?? modelled.decodeTokensPerSecond;
  const prefillTokens = shape.inputTokens - (shape.cachedPrefixTokens ?? 0);
  const secondsPerRequest = prefillTokens / prefill + shape.outputTokens / decode;

  return {
    prefillTokensPerSecond: prefill,
    decodeTokensPerSecond: decode,
    requestsPerSecond: 1 / secondsPerRequest,
    maxConcurrency: modelled.maxConcurrency,
    kvCacheTokens: modelled.kvCacheTokens,
    measured: workload.prefillTps !== undefined || workload.decodeTps !== undefined,
  };
}

/** The open model the workload names, or a clear error listing the ones the catalog has. */
export function resolveOpenModel(id: string): OpenModel {
  const model = findOpenModel(id);
  if (model) return model;
  const known = OPEN_MODELS.map((candidate) => candidate.id).join(', ');
  throw new WorkloadError('unknown-open-model', `Unknown open model "${id}". Known: ${known}.`);
}

function resolveGpu(id: string): Gpu {
  const gpu = findGpu(id);
  if (gpu) return gpu;
  const known = GPUS.map((candidate) => candidate.id).join(', ');
  throw new WorkloadError('unknown-gpu', `Unknown GPU "${id}". Known: ${known}.`);
}

function candidateSpecs(workload: Workload, model: OpenModel): ReplicaSpec[] {
  const gpus = workload.gpu ? [resolveGpu(workload.gpu)] : [...GPUS];
  const precisions = workload.precision ? [workload.precision] : model.precisions.slice(0, 1);

  const specs: ReplicaSpec[] = [];
  for (const gpu of gpus) {
    for (const precision of precisions) {
      if (!supportsPrecision(model, gpu, precision)) continue;
      specs.push(...gpuCounts(workload, model, gpu, precision));
    }
  }
  return specs;
}

function gpuCounts(workload: Workload, model: OpenModel, gpu: Gpu, precision: Precision) {
  if (workload.gpusPerReplica) {
    return [{ model, gpu, gpus: workload.gpusPerReplica, precision }];
  }
  const least = minGpus(model, gpu, precision);
  if (least === null) return [];

  const counts: ReplicaSpec[] = [];
  for (let gpus = least; gpus <= maxGpusPerReplica(gpu); gpus *= 2) {
    counts.push({ model, gpu, gpus, precision });
  }
  return counts;
}

function explainNoFit(workload: Workload, model: OpenModel): WorkloadError {
  const where = workload.gpu ?? 'any GPU in the catalog';
  const count = workload.gpusPerReplica ? `${workload.gpusPerReplica} × ` : '';
  const precision = workload.precision ? ` at ${workload.precision}` : '';
  if (workload.precision && workload.gpu) {
    const gpu = resolveGpu(workload.gpu);
    if (!supportsPrecision(model, gpu, workload.precision)) {
      return new WorkloadError(
        'unsupported-precision',
        `${model.name} at ${workload.precision} cannot run on ${gpu.name}.`,
      );
    }
  }
  return new WorkloadError(
    'does-not-fit',
    `${model.name}${precision} does not fit ${count}${where}: its weights and a working KV cache ` +
      'need more memory. Name more GPUs per replica, a larger GPU, or a smaller precision.',
  );
}

/**
 * The replica to serve the workload with. Whatever the workload names (GPU, GPUs per replica,
 * precision, price) is kept; the rest is chosen as the configuration with the lowest monthly
 * bill at the workload's own volume, fewer GPUs winning a tie. Precision is never lowered on
 * the workload's behalf: unless it names one, the model runs in the precision it is released in,
 * since quantising further trades quality the report cannot measure.
 */
export function chooseReplica(
  workload: Workload,
  shape: RequestShape,
  monthlyRequests: number,
): Replica {
  const model = resolveOpenModel(workload.openModel);
  const chosen =
    workload.gpu === undefined ||
    workload.gpusPerReplica === undefined ||
    workload.precision === undefined;

  let best: { replica: Replica; cost: number } | undefined;
  for (const spec of candidateSpecs(workload, model)) {
    if (!memoryFit(spec).fits) continue;
    const price = spec.gpu.prices[0];
    if (!price) continue;

    const replica: Replica = {
      spec,
      price,
      hourlyUsd: workload.gpuHourlyUsd ?? price.usdPerHour,
      capacity: capacityFigures(spec, shape, workload),
      chosen,
    };
    // A replica whose KV cache cannot hold one request of this length serves none.
    if (!(replica.capacity.requestsPerSecond > 0) || replica.capacity.maxConcurrency < 1) continue;
    const cost = clusterCost(monthlyRequests, replica, workload).monthlyCost;
    if (!best || cost < best.cost - 1e-6) best = { replica, cost };
  }

  if (!best) throw explainNoFit(workload, model);
  return best.replica;
}

/** Time to first token and per output token on one replica at the given concurrency. */
export function replicaLatency(replica: Replica, shape: RequestShape, concurrency: number) {
  return latencyAt(replica.spec, shape, Math.max(1, concurrency));
}

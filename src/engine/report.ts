import { type ApiCost, apiCost } from './api-cost.ts';
import { atLeast, bandForVolume } from './band.ts';
import {
  apiLatencyOf,
  CLAUDE_MODELS,
  CLAUDE_PRICES_AS_OF,
  claudePriceList,
  findClaudeModel,
} from './catalog/claude.ts';
import { catalogAsOf } from './catalog/index.ts';
import type { ClaudeModel } from './catalog/types.ts';
import { findCrossover, sweepVolumes } from './crossover.ts';
import { WorkloadError } from './errors.ts';
import { formatCount } from './format.ts';
import { qualityCaveat } from './quality.ts';
import { checkRateLimits } from './rate-limits.ts';
import * as reasons from './reasons.ts';
import type {
  CostSweep,
  LatencyReport,
  Report,
  SelfHostReport,
  SensitivityReport,
} from './report-types.ts';
import {
  chooseReplica,
  clusterCost,
  peakRequestsPerSecond,
  type Replica,
  replicaLatency,
  resolveOpenModel,
  serverShape,
} from './sizing.ts';
import type { Band, Workload } from './workload.ts';

const CACHE_HIT_RATES = [0.5, 0.7, 0.8, 0.9, 0.95] as const;
const GPU_PRICE_FACTORS = [0.5, 0.75, 1, 1.5, 2] as const;

/** The Claude model the workload names, or a clear error listing the ones the engine knows. */
export function resolveClaudeModel(id: string): ClaudeModel {
  const model = findClaudeModel(id);
  if (model) return model;
  const known = CLAUDE_MODELS.map((candidate) => candidate.id).join(', ');
  throw new WorkloadError('unknown-api-model', `Unknown Claude model "${id}". Known: ${known}.`);
}

/** The two sides' costs for one workload, as functions of volume, and where they cross. */
interface Economics {
  api: ApiCost;
  replica: Replica;
  apiMonthly: (requestsPerMonth: number) => number;
  clusterMonthly: (requestsPerMonth: number) => number;
  loadedMonthly: (requestsPerMonth: number) => number;
  crossover: number | null;
  crossoverLoaded: number | null;
}

function replicaFor(workload: Workload, api: ApiCost): Replica {
  const tokens = api.tokensPerRequest;
  const shape = serverShape(tokens.totalInput, tokens.cacheRead, tokens.output);
  return chooseReplica(workload, shape, workload.requestsPerMonth);
}

/**
 * The longest request of a task (its last step) must fit both models' context windows; a
 * workload that passes either cannot be served as described, whatever it costs.
 */
function checkContext(workload: Workload, claude: ClaudeModel, api: ApiCost): void {
  const longest = Math.max(...api.steps.map((step) => step.totalInput)) + workload.outputTokens;
  const open = resolveOpenModel(workload.openModel);
  for (const [name, window] of [
    [claude.name, claude.contextWindow],
    [open.name, open.contextLength],
  ] as const) {
    if (longest <= window) continue;
    throw new WorkloadError(
      'exceeds-context',
      `A request of ${formatCount(longest)} tokens (input and output) passes ${name}'s ` +
        `${formatCount(window)}-token context window. Send fewer tokens a request or fewer steps.`,
    );
  }
}

function economicsOf(workload: Workload, at: Date): Economics {
  const claude = resolveClaudeModel(workload.apiModel);
  const api = apiCost(workload, claude, at);
  checkContext(workload, claude, api);
  const perRequest = api.costPerRequest.total;
  const replica = replicaFor(workload, api);

  const apiMonthly = (volume: number) => volume * perRequest;
  const clusterMonthly = (volume: number) => clusterCost(volume, replica, workload).monthlyCost;
  const loadedMonthly = (volume: number) => clusterMonthly(volume) + workload.opsMonthlyUsd;
  return {
    api,
    replica,
    apiMonthly,
    clusterMonthly,
    loadedMonthly,
    crossover: findCrossover(apiMonthly, clusterMonthly),
    crossoverLoaded: findCrossover(apiMonthly, loadedMonthly),
  };
}

/** Where the API meets the cluster with its operating cost, for one API cost and replica. */
function loadedCrossover(workload: Workload, api: ApiCost, replica: Replica): number | null {
  const perRequest = api.costPerRequest.total;
  return findCrossover(
    (volume) => volume * perRequest,
    (volume) => clusterCost(volume, replica, workload).monthlyCost + workload.opsMonthlyUsd,
  );
}

/** The same workload pinned to the replica the engine chose, so variations compare like with like. */
function pinned(workload: Workload, replica: Replica): Workload {
  return {
    ...workload,
    gpu: replica.spec.gpu.id,
    gpusPerReplica: replica.spec.gpus,
    precision: replica.spec.precision,
    gpuHourlyUsd: replica.hourlyUsd,
  };
}

/**
 * The loaded crossover and band as the cache hit rate and the GPU price move. Only what a
 * variation changes is computed again: a hit rate changes the API's cost and what a replica
 * serves; a GPU price only the cluster's bill.
 */
function sensitivityOf(workload: Workload, economics: Economics, at: Date): SensitivityReport {
  const base = pinned(workload, economics.replica);
  const claude = resolveClaudeModel(workload.apiModel);
  const priceList = claudePriceList(claude.id, at);
  const point = (variant: Workload, value: number, crossoverLoaded: number | null) => ({
    value,
    crossoverLoaded,
    band: bandForVolume(variant.requestsPerMonth, crossoverLoaded),
  });

  const hitRates = [...new Set([...CACHE_HIT_RATES, workload.cacheHitRate])].sort((a, b) => a - b);
  return {
    cacheHitRate: hitRates.map((rate) => {
      const variant = { ...base, cacheHitRate: rate };
      const api = apiCost(variant, claude, at, priceList);
      return point(variant, rate, loadedCrossover(variant, api, replicaFor(variant, api)));
    }),
    gpuHourlyUsd: GPU_PRICE_FACTORS.map((factor) => {
      const price = economics.replica.hourlyUsd * factor;
      const variant = { ...base, gpuHourlyUsd: price };
      const replica = { ...economics.replica, hourlyUsd: price };
      return point(variant, price, loadedCrossover(variant, economics.api, replica));
    }),
  };
}

function sweepOf(workload: Workload, economics: Economics): CostSweep {
  const marks = [workload.requestsPerMonth, economics.crossover, economics.crossoverLoaded].filter(
    (mark): mark is number => mark !== null,
  );
  const volumes = withReplicaSteps(sweepVolumes(marks), workload, economics.replica);
  return {
    requestsPerMonth: volumes,
    api: volumes.map(economics.apiMonthly),
    selfHost: volumes.map(economics.clusterMonthly),
    selfHostLoaded: volumes.map(economics.loadedMonthly),
  };
}

/**
 * The costs the chart draws: the API's and the cluster's monthly cost (bare and loaded) over
 * log-spaced volumes around the workload's own and the crossovers, with each replica step.
 */
export function costSweep(workload: Workload, at: Date): CostSweep {
  return sweepOf(workload, economicsOf(workload, at));
}

/** Adds the volumes where one more replica is needed, so the chart draws each step where it is. */
function withReplicaSteps(volumes: number[], workload: Workload, replica: Replica): number[] {
  const from = volumes[0] ?? 0;
  const to = volumes.at(-1) ?? 0;
  const perReplicaMonthly = replica.capacity.requestsPerSecond / peakRequestsPerSecond(1, workload);

  const steps: number[] = [];
  for (let replicas = 1; replicas <= 200; replicas += 1) {
    const edge = perReplicaMonthly * replicas;
    if (edge > to) break;
    if (edge > from) steps.push(edge, edge * (1 + 1e-6));
  }
  return [...volumes, ...steps].sort((a, b) => a - b);
}

function selfHostOf(workload: Workload, replica: Replica): SelfHostReport {
  const volume = workload.requestsPerMonth;
  const cluster = clusterCost(volume, replica, workload);
  const loaded = cluster.monthlyCost + workload.opsMonthlyUsd;
  return {
    model: replica.spec.model.id,
    modelName: replica.spec.model.name,
    gpu: replica.spec.gpu.id,
    gpuName: replica.spec.gpu.name,
    gpusPerReplica: replica.spec.gpus,
    precision: replica.spec.precision,
    chosen: replica.chosen,
    gpuHourlyUsd: replica.hourlyUsd,
    gpuPriceSource:
      workload.gpuHourlyUsd === undefined
        ? `${replica.price.vendor} (${replica.price.source})`
        : 'given in the workload',
    gpuPriceAsOf: replica.price.asOf,
    capacity: replica.capacity,
    schedule: workload.schedule,
    replicas: cluster.replicas,
    replicaHoursPerMonth: cluster.replicaHoursPerMonth,
    utilisation: cluster.utilisation,
    monthlyCost: cluster.monthlyCost,
    opsMonthlyUsd: workload.opsMonthlyUsd,
    monthlyCostLoaded: loaded,
    costPerRequest: cluster.monthlyCost / volume,
    costPerRequestLoaded: loaded / volume,
  };
}

/**
 * The self-hosting side alone: the replica the engine picks and what its cluster costs a month,
 * without the crossover, latency, sensitivity and sweep of a full report, for comparing open
 * models on one workload. Refuses what `buildReport` refuses.
 */
export function selfHostQuote(workload: Workload, at: Date): SelfHostReport {
  const claude = resolveClaudeModel(workload.apiModel);
  const api = apiCost(workload, claude, at);
  checkContext(workload, claude, api);
  return selfHostOf(workload, replicaFor(workload, api));
}

/**
 * Requests in flight on one replica at the peak, by Little's law: arrivals a second times the
 * seconds each request takes. The latency depends on the concurrency, so a few rounds settle it.
 */
function latencyOf(workload: Workload, economics: Economics, replicas: number): LatencyReport {
  const { replica, api } = economics;
  const tokens = api.tokensPerRequest;
  const shape = serverShape(tokens.totalInput, tokens.cacheRead, tokens.output);
  const arrivals = peakRequestsPerSecond(workload.requestsPerMonth, workload) / replicas;

  let concurrency = 1;
  let latency = replicaLatency(replica, shape, concurrency);
  for (let round = 0; round < 4; round += 1) {
    const seconds = (latency.ttftMs + tokens.output * latency.tpotMs) / 1000;
    concurrency = Math.min(replica.capacity.maxConcurrency, Math.max(1, arrivals * seconds));
    latency = replicaLatency(replica, shape, concurrency);
  }

  const apiLatency = apiLatencyOf(resolveClaudeModel(workload.apiModel).claudeClass);
  const target = workload.ttftTargetMs ?? null;
  return {
    apiTtftMs: apiLatency.ttftP50Ms,
    apiTtftP99Ms: apiLatency.ttftP99Ms,
    apiSource: `${apiLatency.source}, ${apiLatency.asOf}`,
    selfHostTtftMs: latency.ttftMs,
    selfHostTpotMs: latency.tpotMs,
    concurrencyPerReplica: concurrency,
    ttftTargetMs: target,
    apiMeetsTarget: target === null ? null : apiLatency.ttftP50Ms <= target,
    selfHostMeetsTarget: target === null ? null : latency.ttftMs <= target,
  };
}

/** The band, then what moves it: compliance, rate limits no tier carries, a latency target. */
function decideBand(
  workload: Workload,
  crossoverLoaded: number | null,
  latency: LatencyReport,
  minTier: string | null,
): Band {
  if (workload.compliance) return 'self-host';

  let band = bandForVolume(workload.requestsPerMonth, crossoverLoaded);
  if (minTier === null) band = atLeast(band, 'evaluate');
  if (latency.selfHostMeetsTarget && latency.apiMeetsTarget === false) {
    band = atLeast(band, 'evaluate');
  }
  return band;
}

/**
 * Everything the app says about one workload, against the catalog in force at `at`: the API's
 * cost with caching, rate limits and latency; the cheapest self-hosted cluster that serves the
 * peak; where the two cross; the band and the reasons for it.
 */
export function buildReport(workload: Workload, at: Date): Report {
  const economics = economicsOf(workload, at);
  const { api, replica } = economics;
  const claude = resolveClaudeModel(workload.apiModel);

  const selfHost = selfHostOf(workload, replica);
  const latency = latencyOf(workload, economics, selfHost.replicas);
  // Requests sent through the Batch API wait in its own queue, outside the per-minute limits.
  const peakPerMinute =
    peakRequestsPerSecond(workload.requestsPerMonth, workload) * 60 * (1 - workload.batchShare);
  const rateLimits = checkRateLimits(
    peakPerMinute,
    api.tokensPerRequest,
    claude.claudeClass,
    workload.tierScheme,
  );
  const band = decideBand(workload, economics.crossoverLoaded, latency, rateLimits.minTier);
  const apiMonthly = economics.apiMonthly(workload.requestsPerMonth);
  const quality = qualityCaveat(claude, replica.spec.model);

  const report: Report = {
    workload,
    catalog: { asOf: catalogAsOf() },
    api: {
      model: claude.id,
      modelName: claude.name,
      prices: api.prices,
      pricesAsOf: CLAUDE_PRICES_AS_OF,
      tokensPerRequest: api.tokensPerRequest,
      costBreakdown: api.costPerRequest,
      costPerRequest: api.costPerRequest.total,
      monthlyCost: apiMonthly,
      batchShare: workload.batchShare,
      rateLimits,
      prefixTooShortToCache:
        workload.systemTokens + workload.toolTokens < claude.minCacheablePrefix,
    },
    selfHost,
    crossover: {
      requestsPerMonth: economics.crossover,
      requestsPerMonthLoaded: economics.crossoverLoaded,
    },
    latency,
    agent:
      workload.agentSteps > 1
        ? {
            steps: workload.agentSteps,
            tokensPerTask: api.tokensPerTask,
            costPerTask: api.costPerTask,
            tasksPerMonth: workload.requestsPerMonth / workload.agentSteps,
          }
        : null,
    sensitivity: sensitivityOf(workload, economics, at),
    quality,
    sweep: sweepOf(workload, economics),
    band,
    reasons: [],
  };
  report.reasons = reasons.explain(report);
  return report;
}

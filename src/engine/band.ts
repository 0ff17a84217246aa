import type { Report } from './report-types.ts';
import type { Band } from './workload.ts';

/**
 * Where the bands change, as multiples of the workload's loaded crossover (the volume at which
 * the cluster plus its operating cost matches the API bill):
 * - below an eighth of it the cluster would cost eight times the API: stay on the API;
 * - up to one and a half times it the saving is under a third of the API bill, too thin to pay
 *   for a migration; caching decides how long the API stays ahead;
 * - up to fifteen times it self-hosting saves real money, but quality, latency and operations
 *   decide, so evaluate;
 * - beyond it the saving pays for the platform team many times over: self-host.
 * For the reference article's profile (loaded crossover near 0.7M a month) these fall near the
 * article's 100K, 1M and 10M.
 */
export const BAND_EDGES = {
  optimizeCache: 1 / 8,
  evaluate: 1.5,
  selfHost: 15,
} as const;

/** The band a volume falls in, from its ratio to the loaded crossover (null: they never cross). */
export function bandForVolume(requestsPerMonth: number, crossoverLoaded: number | null): Band {
  if (crossoverLoaded === null) return 'stay-on-api';

  const ratio = requestsPerMonth / crossoverLoaded;
  if (ratio < BAND_EDGES.optimizeCache) return 'stay-on-api';
  if (ratio < BAND_EDGES.evaluate) return 'optimize-cache';
  if (ratio < BAND_EDGES.selfHost) return 'evaluate';
  return 'self-host';
}

const ORDER: readonly Band[] = ['stay-on-api', 'optimize-cache', 'evaluate', 'self-host'];

/** The later of two bands in the order stay-on-api → self-host. */
export function atLeast(band: Band, floor: Band): Band {
  return ORDER.indexOf(band) >= ORDER.indexOf(floor) ? band : floor;
}

export interface BandRange {
  band: Band;
  from: number;
  to: number;
}

/** The volume ranges of each band between `from` and `to`, by volume alone, for the chart. */
export function bandRanges(crossoverLoaded: number | null, from: number, to: number): BandRange[] {
  if (crossoverLoaded === null) return [{ band: 'stay-on-api', from, to }];

  const edges = [
    from,
    crossoverLoaded * BAND_EDGES.optimizeCache,
    crossoverLoaded * BAND_EDGES.evaluate,
    crossoverLoaded * BAND_EDGES.selfHost,
    to,
  ];
  return ORDER.map((band, index) => ({
    band,
    from: Math.min(to, Math.max(from, edges[index] ?? from)),
    to: Math.min(to, Math.max(from, edges[index + 1] ?? to)),
  })).filter((range) => range.to > range.from);
}

/**
 * The bands across the report's sweep, holding everything but volume fixed: the whole range is
 * self-host when data must stay in-house.
 */
export function bandBoundaries(report: Report): BandRange[] {
  const from = report.sweep.requestsPerMonth[0] ?? 0;
  const to = report.sweep.requestsPerMonth.at(-1) ?? 0;
  if (report.workload.compliance) return [{ band: 'self-host', from, to }];
  return bandRanges(report.crossover.requestsPerMonthLoaded, from, to);
}

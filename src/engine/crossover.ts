/** A monthly cost as a function of monthly requests. */
export type CostCurve = (requestsPerMonth: number) => number;

/** The range every search and sweep covers: a thousand to a hundred billion requests a month. */
export const VOLUME_RANGE = { min: 1e3, max: 1e11 } as const;

const SCAN_POINTS_PER_DECADE = 60;
const BISECTIONS = 60;

/**
 * The smallest monthly volume at which the API costs at least as much as self-hosting. The
 * API's cost grows in proportion to volume; the cluster's in steps, since replicas come whole.
 * A step only raises the cluster's cost, so the API line meets it inside a flat stretch, where
 * the two costs are equal, never on a jump. Scans a log grid for the first volume where the API
 * is no cheaper, then bisects. Null when the API stays cheaper over the whole range.
 */
export function findCrossover(api: CostCurve, selfHost: CostCurve): number | null {
  const apiIsCheaper = (volume: number) => api(volume) < selfHost(volume);
  if (!apiIsCheaper(VOLUME_RANGE.min)) return VOLUME_RANGE.min;

  const decades = Math.log10(VOLUME_RANGE.max / VOLUME_RANGE.min);
  const points = Math.ceil(decades * SCAN_POINTS_PER_DECADE);
  let low: number = VOLUME_RANGE.min;
  for (let index = 1; index <= points; index += 1) {
    const high = VOLUME_RANGE.min * 10 ** ((decades * index) / points);
    if (!apiIsCheaper(high)) return bisect(apiIsCheaper, low, high);
    low = high;
  }
  return null;
}

function bisect(apiIsCheaper: (volume: number) => boolean, low: number, high: number): number {
  let below = low;
  let above = high;
  for (let step = 0; step < BISECTIONS; step += 1) {
    const middle = (below + above) / 2;
    if (apiIsCheaper(middle)) below = middle;
    else above = middle;
  }
  return above;
}

/**
 * Log-spaced volumes around the ones that matter (the workload's own and the crossovers): two
 * decades below the smallest to one above the largest, whole decades at the ends.
 */
export function sweepVolumes(marks: readonly number[], pointsPerDecade = 40): number[] {
  const lowest = Math.min(...marks);
  const highest = Math.max(...marks);
  const from = Math.max(VOLUME_RANGE.min, 10 ** Math.floor(Math.log10(lowest) - 1));
  const to = Math.min(VOLUME_RANGE.max, 10 ** Math.ceil(Math.log10(highest) + 1));

  const decades = Math.log10(to / from);
  const count = Math.max(2, Math.round(decades * pointsPerDecade));
  return Array.from({ length: count + 1 }, (_, index) => from * 10 ** ((decades * index) / count));
}

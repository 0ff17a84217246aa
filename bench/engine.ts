import { buildReport, costSweep } from '../src/engine/report.ts';
import { referenceWorkload } from '../src/engine/workload.ts';

/** The reference article's workload, priced on a fixed day. */
const AT = new Date('2026-12-01T00:00:00Z');

export interface EngineTimes {
  reportUs: number[];
  sweepUs: number[];
}

function timesUs(iterations: number, work: () => unknown): number[] {
  const times: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    work();
    times.push((performance.now() - started) * 1000);
  }
  return times;
}

/** One report and one sweep, each timed `iterations` times after as many warm-up runs. */
export function timeEngine(iterations: number): EngineTimes {
  const report = () => buildReport(referenceWorkload, AT);
  const sweep = () => costSweep(referenceWorkload, AT);
  timesUs(iterations, report);
  timesUs(iterations, sweep);
  return { reportUs: timesUs(iterations, report), sweepUs: timesUs(iterations, sweep) };
}

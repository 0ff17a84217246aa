import { createCrossoverChartRenderer } from '../src/chart/crossover-chart.ts';
import { buildReport } from '../src/engine/report.ts';
import { referenceWorkload } from '../src/engine/workload.ts';

const AT = new Date('2026-12-01T00:00:00Z');

/** PNG render times (ms) of one renderer, as the app keeps one for the process. */
export async function timeChart(warmUp: number, renders: number): Promise<number[]> {
  const renderer = createCrossoverChartRenderer();
  const report = buildReport(referenceWorkload, AT);
  for (let index = 0; index < warmUp; index += 1) await renderer.render(report);

  const times: number[] = [];
  for (let index = 0; index < renders; index += 1) {
    const started = performance.now();
    await renderer.render(report);
    times.push(performance.now() - started);
  }
  return times;
}

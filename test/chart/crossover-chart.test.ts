import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/blocks/format.ts';
import { CHART_COMPLIANCE_LABEL } from '../../src/blocks/texts.ts';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartMarks,
  createCrossoverChartRenderer,
  crossoverChartConfig,
  valueAt,
} from '../../src/chart/crossover-chart.ts';
import type { Report } from '../../src/engine/report-types.ts';
import { reportFor } from '../support/workloads.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  // IHDR is the first chunk: width and height are its first two big-endian words.
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('createCrossoverChartRenderer', () => {
  const renderer = createCrossoverChartRenderer();

  it('renders a 1200 × 700 PNG', async () => {
    const png = await renderer.render(reportFor());

    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it('renders one report after another with the same instance', async () => {
    const small = await renderer.render(reportFor({ requestsPerMonth: 50_000 }));
    const large = await renderer.render(reportFor({ requestsPerMonth: 50_000_000 }));

    expect(small.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(large.equals(small)).toBe(false);
  });

  it('draws charts asked for at once one after another, each as if drawn alone', async () => {
    const reports = [50_000, 500_000, 5_000_000].map((requestsPerMonth) =>
      reportFor({ requestsPerMonth }),
    );

    const together = await Promise.all(reports.map((report) => renderer.render(report)));
    const alone: Buffer[] = [];
    for (const report of reports) alone.push(await renderer.render(report));

    expect(together.map((png, index) => png.equals(alone[index] ?? Buffer.alloc(0)))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('goes on drawing after a chart that failed', async () => {
    const broken = renderer.render({} as Report);
    const next = renderer.render(reportFor());

    await expect(broken).rejects.toThrow();
    expect((await next).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});

describe('crossoverChartConfig', () => {
  const report = reportFor();
  const config = crossoverChartConfig(report, chartMarks(report));

  it('puts monthly cost against monthly requests on log axes', () => {
    expect(config.options?.scales?.x?.type).toBe('logarithmic');
    expect(config.options?.scales?.y?.type).toBe('logarithmic');
  });

  it('draws the API as a line and self-hosting as steps, GPUs only and loaded', () => {
    const [api, selfHost, loaded] = config.data.datasets;

    expect(api?.stepped).toBeUndefined();
    expect(selfHost?.stepped).toBe('after');
    expect(loaded?.stepped).toBe('after');
    expect(api?.data).toHaveLength(report.sweep.requestsPerMonth.length);
  });

  it('names both models in the title and the catalog date under it', () => {
    const { title, subtitle } = config.options?.plugins ?? {};

    expect(title?.text).toContain(report.api.modelName);
    expect(title?.text).toContain(report.selfHost.modelName);
    expect(subtitle?.text).toContain(report.catalog.asOf);
  });
});

describe('chartMarks', () => {
  it('shades the four bands across the whole sweep, end to end', () => {
    const report = reportFor();
    const { bands } = chartMarks(report);

    expect(bands.map((range) => range.band)).toEqual([
      'stay-on-api',
      'optimize-cache',
      'evaluate',
      'self-host',
    ]);
    expect(bands[0]?.from).toBe(report.sweep.requestsPerMonth[0]);
    expect(bands.at(-1)?.to).toBe(report.sweep.requestsPerMonth.at(-1));
    bands.slice(1).forEach((range, index) => expect(range.from).toBe(bands[index]?.to));
  });

  it('marks both crossovers on the API line, labelled with their volume', () => {
    const report = reportFor();
    const { crossovers } = chartMarks(report);

    expect(crossovers.map((mark) => mark.label)).toEqual([
      `break-even, GPUs: ${formatCount(report.crossover.requestsPerMonth ?? 0)}`,
      `with operations: ${formatCount(report.crossover.requestsPerMonthLoaded ?? 0)}`,
    ]);
    for (const mark of crossovers) {
      const apiCost = report.api.costPerRequest * mark.requestsPerMonth;
      expect(Math.abs(mark.monthlyCost - apiCost) / apiCost).toBeLessThan(0.01);
    }
  });

  it('marks the workload own volume', () => {
    expect(chartMarks(reportFor({ requestsPerMonth: 3_000_000 })).workloadVolume).toBe(3_000_000);
  });

  it('shades everything self-host, and says why, when data must stay in-house', () => {
    const { bands } = chartMarks(reportFor({ compliance: true }));

    expect(bands).toHaveLength(1);
    expect(bands[0]).toMatchObject({ band: 'self-host', label: CHART_COMPLIANCE_LABEL });
  });

  it('marks no crossover where the lines do not cross', () => {
    const report = reportFor();
    const apart = {
      ...report,
      crossover: { requestsPerMonth: null, requestsPerMonthLoaded: null },
    };

    expect(chartMarks(apart).crossovers).toEqual([]);
  });
});

describe('valueAt', () => {
  it('interpolates on log axes, exact for a straight cost line', () => {
    expect(valueAt([1_000, 100_000], [10, 1_000], 10_000)).toBeCloseTo(100, 9);
  });

  it('gives null outside the sweep', () => {
    expect(valueAt([1_000, 100_000], [10, 1_000], 10)).toBeNull();
  });
});

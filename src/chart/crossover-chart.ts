import { createCanvas } from 'canvas';
import type { ChartConfiguration, ChartItem, Plugin } from 'chart.js';
import { Chart } from 'chart.js/auto';
import { formatCount, formatUsd } from '../blocks/format.ts';
import {
  BAND_SHORT,
  CHART_COMPLIANCE_LABEL,
  CHART_SERIES,
  CHART_SUBTITLE,
  CHART_TITLE_LINE,
  CHART_WORKLOAD_LABEL,
} from '../blocks/texts.ts';
import { type BandRange, bandBoundaries } from '../engine/band.ts';
import type { Report } from '../engine/report-types.ts';
import type { Band } from '../engine/workload.ts';

// Slack previews images about 360 px wide: at 1200 px every font must be large to survive that.
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 700;

const FONT = 'DejaVu Sans, sans-serif';
const SIZES = { title: 30, subtitle: 22, axisTitle: 24, ticks: 22, legend: 22, label: 22 } as const;

const COLOURS = {
  api: '#1f6feb',
  selfHost: '#8250df',
  selfHostLoaded: '#bf3989',
  marker: '#1f2328',
  text: '#1f2328',
} as const;

const LABEL_BOX = 'rgba(255, 255, 255, 0.85)';
const GRID = 'rgba(31, 35, 40, 0.18)';

const BAND_FILL: Record<Band, string> = {
  'stay-on-api': 'rgba(46, 160, 67, 0.14)',
  'optimize-cache': 'rgba(212, 167, 44, 0.18)',
  evaluate: 'rgba(219, 109, 40, 0.16)',
  'self-host': 'rgba(207, 34, 46, 0.14)',
};

/** What the chart marks besides its three lines. */
export interface ChartMarks {
  bands: (BandRange & { label: string })[];
  workloadVolume: number;
  crossovers: { requestsPerMonth: number; monthlyCost: number; label: string }[];
}

type XY = { x: number; y: number };

function points(xs: readonly number[], ys: readonly number[]): XY[] {
  return xs.flatMap((x, index) => {
    const y = ys[index];
    return y === undefined || y <= 0 ? [] : [{ x, y }];
  });
}

/** Y on a line through the sweep at `x`, interpolated on log axes as the chart draws it. */
export function valueAt(xs: readonly number[], ys: readonly number[], x: number): number | null {
  for (let index = 1; index < xs.length; index += 1) {
    const [x0, x1, y0, y1] = [xs[index - 1], xs[index], ys[index - 1], ys[index]];
    if (x0 === undefined || x1 === undefined || y0 === undefined || y1 === undefined) continue;
    if (x < x0 || x > x1) continue;

    const share = x1 === x0 ? 0 : Math.log(x / x0) / Math.log(x1 / x0);
    return Math.exp(Math.log(y0) + share * Math.log(y1 / y0));
  }
  return null;
}

function crossoverMark(report: Report, volume: number | null, label: string) {
  if (volume === null) return [];
  const cost = valueAt(report.sweep.requestsPerMonth, report.sweep.api, volume);
  if (cost === null) return [];
  return [
    { requestsPerMonth: volume, monthlyCost: cost, label: `${label}: ${formatCount(volume)}` },
  ];
}

/** The bands, both crossovers and the workload's own volume, from the report. */
export function chartMarks(report: Report): ChartMarks {
  return {
    bands: bandBoundaries(report).map((range) => ({
      ...range,
      label: report.workload.compliance ? CHART_COMPLIANCE_LABEL : BAND_SHORT[range.band],
    })),
    workloadVolume: report.workload.requestsPerMonth,
    crossovers: [
      ...crossoverMark(report, report.crossover.requestsPerMonth, CHART_SERIES.crossover),
      ...crossoverMark(
        report,
        report.crossover.requestsPerMonthLoaded,
        CHART_SERIES.crossoverLoaded,
      ),
    ],
  };
}

function drawBands(chart: Chart, bands: ChartMarks['bands']): void {
  const { ctx, chartArea: area } = chart;
  const x = chart.scales.x;
  if (x === undefined) return;

  ctx.save();
  ctx.font = `${SIZES.label}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const band of bands) {
    const left = Math.max(area.left, x.getPixelForValue(band.from));
    const right = Math.min(area.right, x.getPixelForValue(band.to));
    if (right <= left) continue;

    ctx.fillStyle = BAND_FILL[band.band];
    ctx.fillRect(left, area.top, right - left, area.bottom - area.top);

    if (ctx.measureText(band.label).width + 12 > right - left) continue;
    ctx.fillStyle = COLOURS.text;
    ctx.fillText(band.label, (left + right) / 2, area.top + 8);
  }
  ctx.restore();
}

/** Text on a white box, so lines and grid behind it do not cut through the letters. */
function labelOnBox(chart: Chart, text: string, x: number, y: number): void {
  const { ctx } = chart;
  const width = ctx.measureText(text).width;
  const height = SIZES.label + 6;
  const left = ctx.textAlign === 'right' ? x - width : x;
  const top = ctx.textBaseline === 'bottom' ? y - height : y;

  ctx.save();
  ctx.fillStyle = LABEL_BOX;
  ctx.fillRect(left - 4, top - 2, width + 8, height + 2);
  ctx.restore();
  ctx.fillText(text, x, y);
}

function drawWorkloadVolume(chart: Chart, volume: number): void {
  const { ctx, chartArea: area } = chart;
  const x = chart.scales.x;
  if (x === undefined) return;
  const pixel = x.getPixelForValue(volume);
  if (pixel < area.left || pixel > area.right) return;

  ctx.save();
  ctx.strokeStyle = COLOURS.marker;
  ctx.lineWidth = 3;
  ctx.setLineDash([10, 8]);
  ctx.beginPath();
  ctx.moveTo(pixel, area.top + 40);
  ctx.lineTo(pixel, area.bottom);
  ctx.stroke();

  ctx.setLineDash([]);
  ctx.fillStyle = COLOURS.text;
  ctx.font = `bold ${SIZES.label}px ${FONT}`;
  ctx.textAlign = pixel > (area.left + area.right) / 2 ? 'right' : 'left';
  ctx.textBaseline = 'bottom';
  const offset = ctx.textAlign === 'right' ? -8 : 8;
  labelOnBox(chart, CHART_WORKLOAD_LABEL(formatCount(volume)), pixel + offset, area.bottom - 8);
  ctx.restore();
}

function drawCrossovers(chart: Chart, crossovers: ChartMarks['crossovers']): void {
  const { ctx } = chart;
  const [x, y] = [chart.scales.x, chart.scales.y];
  if (x === undefined || y === undefined) return;

  ctx.save();
  ctx.font = `bold ${SIZES.label}px ${FONT}`;
  crossovers.forEach((mark, index) => {
    const [px, py] = [
      x.getPixelForValue(mark.requestsPerMonth),
      y.getPixelForValue(mark.monthlyCost),
    ];
    ctx.fillStyle = COLOURS.marker;
    ctx.beginPath();
    ctx.arc(px, py, 9, 0, 2 * Math.PI);
    ctx.fill();

    // The first label sits below-right of its point, the second above-left, so two close
    // crossovers do not write over each other.
    const below = index % 2 === 0;
    ctx.textAlign = below ? 'left' : 'right';
    ctx.textBaseline = below ? 'top' : 'bottom';
    labelOnBox(chart, mark.label, px + (below ? 14 : -14), py + (below ? 12 : -12));
    ctx.fillStyle = COLOURS.marker;
  });
  ctx.restore();
}

function marksPlugin(marks: ChartMarks): Plugin<'line'> {
  return {
    id: 'selfhostCheckMarks',
    beforeDatasetsDraw: (chart) => drawBands(chart, marks.bands),
    afterDatasetsDraw: (chart) => {
      drawWorkloadVolume(chart, marks.workloadVolume);
      drawCrossovers(chart, marks.crossovers);
    },
  };
}

function isPowerOfTen(value: number): boolean {
  const exponent = Math.log10(value);
  return Math.abs(exponent - Math.round(exponent)) < 1e-9;
}

/** Label only powers of ten, so a log axis stays readable at thumbnail size. */
function powerOfTenLabel(format: (value: number) => string) {
  return (value: string | number): string =>
    isPowerOfTen(Number(value)) ? format(Number(value)) : '';
}

export function chartTitle(report: Report): string {
  return CHART_TITLE_LINE(report.api.modelName, report.selfHost.modelName);
}

export function chartSubtitle(report: Report): string {
  const host = report.selfHost;
  return CHART_SUBTITLE(`${host.gpusPerReplica} × ${host.gpuName}`, report.catalog.asOf);
}

function axis(title: string, format: (value: number) => string) {
  return {
    type: 'logarithmic' as const,
    title: { display: true, text: title, font: { size: SIZES.axisTitle, family: FONT } },
    grid: {
      color: (context: { tick?: { value: number } }) =>
        context.tick !== undefined && isPowerOfTen(context.tick.value) ? GRID : 'transparent',
    },
    ticks: {
      font: { size: SIZES.ticks, family: FONT },
      color: COLOURS.text,
      autoSkip: false,
      maxRotation: 0,
      callback: powerOfTenLabel(format),
    },
  };
}

/** The Chart.js configuration: three cost lines on log axes, with bands and marks drawn over. */
export function crossoverChartConfig(
  report: Report,
  marks: ChartMarks,
): ChartConfiguration<'line'> {
  const { sweep } = report;
  const line = { pointRadius: 0, borderWidth: 4, fill: false } as const;
  return {
    type: 'line',
    data: {
      datasets: [
        {
          ...line,
          label: CHART_SERIES.api(report.api.modelName),
          data: points(sweep.requestsPerMonth, sweep.api),
          borderColor: COLOURS.api,
        },
        {
          ...line,
          label: CHART_SERIES.selfHost,
          data: points(sweep.requestsPerMonth, sweep.selfHost),
          borderColor: COLOURS.selfHost,
          stepped: 'after',
        },
        {
          ...line,
          label: CHART_SERIES.selfHostLoaded,
          data: points(sweep.requestsPerMonth, sweep.selfHostLoaded),
          borderColor: COLOURS.selfHostLoaded,
          borderDash: [14, 8],
          stepped: 'after',
        },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: { top: 8, right: 32, bottom: 8, left: 8 } },
      scales: {
        x: axis(CHART_SERIES.xAxis, formatCount),
        y: axis(CHART_SERIES.yAxis, formatUsd),
      },
      plugins: {
        title: {
          display: true,
          text: chartTitle(report),
          color: COLOURS.text,
          font: { size: SIZES.title, family: FONT, weight: 'bold' },
        },
        subtitle: {
          display: true,
          text: chartSubtitle(report),
          color: COLOURS.text,
          font: { size: SIZES.subtitle, family: FONT },
          padding: { bottom: 12 },
        },
        legend: {
          position: 'bottom',
          labels: { font: { size: SIZES.legend, family: FONT }, boxWidth: 40, color: COLOURS.text },
        },
      },
    },
    plugins: [marksPlugin(marks)],
  };
}

export interface CrossoverChartRenderer {
  render(report: Report): Promise<Buffer>;
}

/** A turn of the event loop: what arrived meanwhile (a command to acknowledge) goes first. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** White under the chart: PNG keeps transparency, and Slack shows it on a dark theme too. */
const whiteBackground: Plugin<'line'> = {
  id: 'selfhostCheckBackground',
  beforeDraw: (chart) => {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
    ctx.restore();
  },
};

/**
 * One renderer for the process, with one canvas that every chart is drawn on in turn: a canvas
 * a chart would leave megabytes of pixels for the garbage collector, which V8 answers with a full
 * collection per chart, pausing the thread that acknowledges commands. Charts are drawn one at a
 * time, each on a turn of its own, since drawing holds the thread for tens of milliseconds.
 */
export function createCrossoverChartRenderer(): CrossoverChartRenderer {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  // node-canvas implements the 2D context Chart.js draws on; its types are not the DOM's.
  const context = canvas.getContext('2d') as unknown as ChartItem;
  let previous: Promise<unknown> = Promise.resolve();

  const draw = (report: Report): Promise<Buffer> => {
    const config = crossoverChartConfig(report, chartMarks(report));
    config.plugins = [whiteBackground, ...(config.plugins ?? [])];
    const chart = new Chart(context, config);
    return new Promise<Buffer>((resolve, reject) => {
      canvas.toBuffer((error, png) => (error ? reject(error) : resolve(png)), 'image/png');
    }).finally(() => chart.destroy());
  };

  return {
    render: (report) => {
      const rendered = previous.then(nextTurn).then(() => draw(report));
      previous = rendered.catch(() => undefined);
      return rendered;
    },
  };
}

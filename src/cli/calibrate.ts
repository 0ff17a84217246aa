import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CalibrationSummary, type Comparison, calibrate } from '../engine/calibration.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the benchmarks live beside the repository, unless an argument or the env says else. */
export const DEFAULT_CSV = resolve(REPO_ROOT, '../shared/reference/throughput-benchmarks.csv');
export const CSV_ENV = 'CALIBRATION_CSV';

/** What the issue asks of the engine: median and worst error it may show. */
export const TARGET_MEDIAN_ABS_ERROR = 0.25;
export const TARGET_MAX_ABS_ERROR = 0.5;

const missingCsv = (path: string) =>
  `benchmark CSV not found at ${path}; pass a path as the first argument or set ${CSV_ENV}`;

/** The CSV to read: first argument, then the environment, then the default beside the repo. */
export function csvPath(argv: string[], env: NodeJS.ProcessEnv): string {
  return argv[0] ?? env[CSV_ENV] ?? DEFAULT_CSV;
}

const percent = (error: number) => `${error >= 0 ? '+' : ''}${(error * 100).toFixed(0)}%`;
const figure = (value: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: value < 100 ? 1 : 0 });

function formatComparison(c: Comparison): string {
  const point = c.operatingPoint === 'max-throughput' ? 'max-tput' : 'latency';
  const mark = c.primary ? '*' : ' ';

  return [
    String(c.line).padStart(4),
    point.padEnd(8),
    mark,
    c.label.padEnd(46),
    c.metric.padEnd(18),
    figure(c.published).padStart(9),
    figure(c.engine).padStart(9),
    percent(c.error).padStart(6),
  ].join(' ');
}

/** The calibration table and its summary, as printed. */
export function formatCalibration(summary: CalibrationSummary): string {
  const header = [
    'line',
    'point   ',
    ' ',
    'setup'.padEnd(46),
    'figure'.padEnd(18),
    'published'.padStart(9),
    'engine'.padStart(9),
    'error'.padStart(6),
  ].join(' ');
  const worst = summary.worst;
  const median = (summary.medianAbsErrorMaxThroughput * 100).toFixed(1);
  const footer = [
    '',
    '* headline figure of the row; the median is over headline figures at maximum throughput',
    `median absolute error, maximum-throughput rows: ${median}%` +
      ` (target ≤ ${TARGET_MEDIAN_ABS_ERROR * 100}%)`,
    `worst: line ${worst.line} ${worst.label} ${worst.metric} ${percent(worst.error)}` +
      ` (target within ±${TARGET_MAX_ABS_ERROR * 100}%)`,
  ];

  return [header, ...summary.comparisons.map(formatComparison), ...footer].join('\n');
}

/** Whether the summary meets the targets. */
export function meetsTargets(summary: CalibrationSummary): boolean {
  return (
    summary.medianAbsErrorMaxThroughput <= TARGET_MEDIAN_ABS_ERROR &&
    Math.abs(summary.worst.error) <= TARGET_MAX_ABS_ERROR
  );
}

function main(): number {
  const path = csvPath(process.argv.slice(2), process.env);
  if (!existsSync(path)) {
    process.stderr.write(`${missingCsv(path)}\n`);
    return 2;
  }

  const summary = calibrate(readFileSync(path, 'utf8'));
  process.stdout.write(`${formatCalibration(summary)}\n`);

  return meetsTargets(summary) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}

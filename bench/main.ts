import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { BOT_TOKEN } from '../test/support/slash-command.ts';
import { type AppCounts, type AppRuns, measureApps } from './app-phases.ts';
import { timeChart } from './chart.ts';
import { timeEngine } from './engine.ts';
import { type Figure, json, type Machine, table } from './figures.ts';
import { deliverNudges } from './nudges.ts';
import { SlackDouble } from './slack-double.ts';
import { percentile } from './stats.ts';

/**
 * `npm run bench [-- --json] [-- --quick]`: the app against Slack's clock and a bare Bolt app,
 * everything on 127.0.0.1. A benchmark, not a test: it reports figures and targets, it does
 * not fail on them. `--quick` runs a tenth of the work, for trying a change.
 */

const QUICK = process.argv.includes('--quick');
const scale = (count: number) => (QUICK ? Math.max(1, Math.round(count / 10)) : count);

const APP_COUNTS: AppCounts = {
  warmUp: 30,
  acks: scale(1_000),
  acksUnderLoad: scale(500),
  answersInFlight: 20,
  answersAlone: scale(30),
  answersAtOnce: { concurrency: 20, rounds: QUICK ? 1 : 4 },
};
const COUNTS = {
  engine: scale(2_000),
  chart: { warmUp: 5, renders: scale(60) },
  nudges: { nudges: scale(10_000), channels: 200, timeoutMs: QUICK ? 30_000 : 100_000 },
};

function machine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

function ackFigures(apps: AppRuns): Figure[] {
  const appP99 = percentile(apps.real.latencies, 0.99);
  const bareP99 = percentile(apps.bare.latencies, 0.99);
  const underLoad = apps.underLoad.latencies;
  return [
    ack('ack.app.p50', 'Ack p50, selfhost-check', percentile(apps.real.latencies, 0.5)),
    ack('ack.app.p99', 'Ack p99, selfhost-check', appP99, { below: 50 }),
    ack('ack.bare.p50', 'Ack p50, bare Bolt', percentile(apps.bare.latencies, 0.5)),
    ack('ack.bare.p99', 'Ack p99, bare Bolt', bareP99),
    {
      key: 'ack.ratio.p99',
      label: 'Ack p99, selfhost-check ÷ bare Bolt',
      value: appP99 / bareP99,
      unit: 'x',
      target: { atMost: 1.2 },
    },
    {
      key: 'ack.refused',
      label: 'Commands not acked with 200',
      value: apps.real.refused + apps.bare.refused + apps.underLoad.refused,
      unit: 'count',
      target: { atMost: 0 },
    },
    ack('ack.load.p50', 'Ack p50, 20 answers in the works', percentile(underLoad, 0.5)),
    ack('ack.load.p99', 'Ack p99, 20 answers in the works', percentile(underLoad, 0.99)),
  ];
}

function answerFigures(apps: AppRuns): Figure[] {
  return [
    answer('answer.one.p50', 'Time to answer, 1 command, p50', apps.alone.times, 0.5),
    answer('answer.one.p95', 'Time to answer, 1 command, p95', apps.alone.times, 0.95, 500),
    answer('answer.twenty.p50', 'Time to answer, 20 at once, p50', apps.atOnce.times, 0.5),
    answer('answer.twenty.p95', 'Time to answer, 20 at once, p95', apps.atOnce.times, 0.95, 2_000),
    {
      key: 'answer.unanswered',
      label: 'Commands not answered in the channel',
      value: apps.unanswered + apps.alone.unanswered + apps.atOnce.unanswered,
      unit: 'count',
      target: { atMost: 0 },
    },
    {
      key: 'answer.rate_limited',
      label: 'Answer calls refused with 429',
      value: apps.rateLimited,
      unit: 'count',
    },
  ];
}

function memoryFigures(apps: AppRuns): Figure[] {
  return [
    { key: 'memory.start', label: 'RSS after start', value: apps.memoryAtStart.rssMb, unit: 'MB' },
    {
      key: 'memory.after',
      label: `RSS after ${apps.answered.toLocaleString('en-US')} answers`,
      value: apps.memoryAfterAnswers.rssMb,
      unit: 'MB',
      target: { below: 200 },
    },
    {
      key: 'memory.end',
      label: 'RSS after every phase',
      value: apps.memoryAtEnd.rssMb,
      unit: 'MB',
    },
    { key: 'memory.peak', label: 'Peak RSS', value: apps.memoryAtEnd.peakRssMb, unit: 'MB' },
  ];
}

function ack(key: string, label: string, value: number, target?: Figure['target']): Figure {
  return { key, label, value, unit: 'ms', ...(target ? { target } : {}) };
}

function answer(key: string, label: string, times: number[], share: number, below?: number) {
  const figure: Figure = { key, label, value: percentile(times, share), unit: 'ms' };
  return below === undefined ? figure : { ...figure, target: { below } };
}

async function measureLocal(): Promise<Figure[]> {
  progress('engine and chart');
  const engine = timeEngine(COUNTS.engine);
  const chart = await timeChart(COUNTS.chart.warmUp, COUNTS.chart.renders);
  return [
    {
      key: 'engine.report.p50',
      label: 'One report (buildReport), p50',
      value: percentile(engine.reportUs, 0.5),
      unit: 'us',
      target: { below: 1_000 },
    },
    {
      key: 'engine.sweep.p50',
      label: 'The sweep behind the chart, p50',
      value: percentile(engine.sweepUs, 0.5),
      unit: 'us',
      target: { below: 5_000 },
    },
    {
      key: 'chart.p50',
      label: 'Chart PNG render, p50',
      value: percentile(chart, 0.5),
      unit: 'ms',
      target: { below: 100 },
    },
    {
      key: 'chart.p95',
      label: 'Chart PNG render, p95',
      value: percentile(chart, 0.95),
      unit: 'ms',
    },
  ];
}

async function measureNudges(double: SlackDouble): Promise<Figure[]> {
  const { nudges, channels } = COUNTS.nudges;
  progress(`nudges: ${nudges} over ${channels} channels, delivered by the app`);
  const run = await deliverNudges(double, COUNTS.nudges);
  const figure = (key: string, label: string, value: number, unit: Figure['unit']) => ({
    key,
    label,
    value,
    unit,
  });
  return [
    figure('nudges.delivered', `Nudges delivered (of ${nudges})`, run.delivered, 'count'),
    figure('nudges.start', 'Nudges, app start to first nudge', run.startSeconds, 's'),
    figure('nudges.seconds', 'Nudges, first to last', run.seconds, 's'),
    figure('nudges.rate', 'Nudges delivered a second', run.perSecond, 'per_s'),
    figure('nudges.allowed', "Nudges a second Slack's limits allow", run.allowedPerSecond, 'per_s'),
    {
      ...figure('nudges.share', 'Nudge rate, share of the allowed', 0, 'percent'),
      value: (100 * run.perSecond) / run.allowedPerSecond,
      target: { atLeast: 90 },
    },
    {
      ...figure('nudges.duplicates', 'Duplicate nudges', run.duplicates, 'count'),
      target: { atMost: 0 },
    },
    figure('nudges.refused', 'Nudge posts refused with 429', run.postsRefused, 'count'),
    figure('nudges.charts', 'Nudge charts uploaded', run.charts, 'count'),
    figure(
      'nudges.charts_refused',
      'Nudge chart uploads refused with 429',
      run.chartsRefused,
      'count',
    ),
  ];
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'selfhost-check-bench-'));
  const double = await SlackDouble.start({ botToken: BOT_TOKEN });
  const notes = [
    'Acks: one command at a time, 10-50 ms after the previous answer landed (bare: ack); ' +
      'tier limits lifted for the ack phases (1,000 uploads take 10 min at Tier 4), the ' +
      'per-channel limit kept, a channel a command. Answers: every limit enforced.',
    'Nudges: the app itself (npm start flags), on a SQLite store of 10,000 audits due now; ' +
      "allowed = 10,000 / the least time Slack's per-channel limit permits (burst 3, 1/s).",
  ];

  try {
    const apps = await measureApps(double, join(folder, 'audits.db'), APP_COUNTS, progress);
    const figures = [
      ...ackFigures(apps),
      ...answerFigures(apps),
      ...memoryFigures(apps),
      ...(await measureLocal()),
      ...(await measureNudges(double)),
    ];
    figures.push({
      key: 'bench.seconds',
      label: 'Whole bench run',
      value: (performance.now() - startedAt) / 1000,
      unit: 's',
    });
    if (apps.logs.errors.length > 0) notes.push(...apps.logs.errors);

    const info = machine();
    if (process.argv.includes('--json')) {
      process.stdout.write(`${json(figures, info, notes)}\n`);
      return;
    }
    process.stdout.write(
      `${table(figures)}\n\nMachine: ${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GB, ` +
        `Node ${info.node}, ${info.platform}\n${notes.map((note) => `- ${note}`).join('\n')}\n`,
    );
  } finally {
    await double.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();

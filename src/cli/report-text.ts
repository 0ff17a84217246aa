import { formatCount, formatMs, formatPercent, formatTimes, formatUsd } from '../engine/format.ts';
import type { Report } from '../engine/report-types.ts';

const BAND_TITLES = {
  'stay-on-api': 'Stay on the API',
  'optimize-cache': 'Stay on the API and optimise caching',
  evaluate: 'Evaluate self-hosting',
  'self-host': 'Self-host',
} as const;

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
}

function crossoverText(volume: number | null): string {
  return volume === null ? 'none in range' : `${formatCount(volume)} requests/month`;
}

function apiSection(report: Report): string[] {
  const { api } = report;
  const tokens = api.tokensPerRequest;
  const cost = api.costBreakdown;
  return [
    `API: ${api.modelName} (prices as of ${api.pricesAsOf})`,
    ...table([
      [
        'uncached input',
        `${formatCount(tokens.uncachedInput)} tokens  ${formatUsd(cost.uncachedInput)}`,
      ],
      ['cache reads', `${formatCount(tokens.cacheRead)} tokens  ${formatUsd(cost.cacheRead)}`],
      ['cache writes', `${formatCount(tokens.cacheWrite)} tokens  ${formatUsd(cost.cacheWrite)}`],
      ['output', `${formatCount(tokens.output)} tokens  ${formatUsd(cost.output)}`],
      ['per request', formatUsd(api.costPerRequest)],
      ['per month', formatUsd(api.monthlyCost)],
    ]),
  ];
}

function selfHostSection(report: Report): string[] {
  const host = report.selfHost;
  const picked = host.chosen ? ' (cheapest that fits)' : '';
  const capacity = host.capacity;
  return [
    `Self-host: ${host.modelName} on ${host.gpusPerReplica} × ${host.gpuName}, ${host.precision}${picked}`,
    ...table([
      [
        'GPU price',
        `${formatUsd(host.gpuHourlyUsd)}/GPU-hour, ${host.gpuPriceSource}, ${host.gpuPriceAsOf}`,
      ],
      [
        'one replica',
        `${formatCount(capacity.prefillTokensPerSecond)} prefill + ${formatCount(capacity.decodeTokensPerSecond)} decode tokens/s, ` +
          `${capacity.requestsPerSecond.toFixed(2)} requests/s${capacity.measured ? ' (measured)' : ''}`,
      ],
      [
        'KV cache',
        `${formatCount(capacity.kvCacheTokens)} tokens, ${formatCount(capacity.maxConcurrency)} sequences`,
      ],
      [
        'replicas',
        `${host.replicas} (${host.schedule}), ${formatPercent(host.utilisation)} utilised`,
      ],
      ['GPUs per month', formatUsd(host.monthlyCost)],
      [
        'with operations',
        `${formatUsd(host.monthlyCostLoaded)} (${formatUsd(host.opsMonthlyUsd)} ops)`,
      ],
      [
        'per request',
        `${formatUsd(host.costPerRequest)} GPUs, ${formatUsd(host.costPerRequestLoaded)} loaded`,
      ],
    ]),
  ];
}

function limitsSection(report: Report): string[] {
  const limits = report.api.rateLimits;
  return [
    `Rate limits (${limits.scheme}, as of ${limits.asOf}): peak minute needs ` +
      `${formatCount(limits.requiredRpm)} RPM, ${formatCount(limits.requiredItpm)} ITPM, ` +
      `${formatCount(limits.requiredOtpm)} OTPM`,
    ...table(
      limits.tiers.map((tier) => [
        tier.name,
        `${tier.fits ? 'fits' : 'too small'}, headroom ${formatTimes(tier.headroom)}`,
      ]),
    ),
  ];
}

function latencySection(report: Report): string[] {
  const latency = report.latency;
  const target = latency.ttftTargetMs === null ? 'none' : formatMs(latency.ttftTargetMs);
  return [
    'Latency (time to first token)',
    ...table([
      ['API', `${formatMs(latency.apiTtftMs)} median, ${formatMs(latency.apiTtftP99Ms)} tail`],
      [
        'self-hosted',
        `${formatMs(latency.selfHostTtftMs)}, then ${formatMs(latency.selfHostTpotMs)}/token at ` +
          `${formatCount(latency.concurrencyPerReplica)} in flight per replica`,
      ],
      ['target', target],
    ]),
  ];
}

function sensitivitySection(report: Report): string[] {
  const { cacheHitRate, gpuHourlyUsd } = report.sensitivity;
  return [
    'Sensitivity of the loaded crossover',
    ...table([
      ...cacheHitRate.map((point): [string, string] => [
        `cache ${formatPercent(point.value)}`,
        `${crossoverText(point.crossoverLoaded)}  ${point.band}`,
      ]),
      ...gpuHourlyUsd.map((point): [string, string] => [
        `GPU ${formatUsd(point.value)}/h`,
        `${crossoverText(point.crossoverLoaded)}  ${point.band}`,
      ]),
    ]),
  ];
}

/** The report as a terminal shows it: band first, then the figures behind it. */
export function reportText(report: Report): string {
  const agent = report.agent;
  const lines = [
    `${BAND_TITLES[report.band]} (${report.band})    catalog as of ${report.catalog.asOf}`,
    '',
    ...report.reasons.map((reason) => `- ${reason}`),
    '',
    ...apiSection(report),
    '',
    ...selfHostSection(report),
    '',
    'Crossover',
    ...table([
      ['GPUs only', crossoverText(report.crossover.requestsPerMonth)],
      ['with operations', crossoverText(report.crossover.requestsPerMonthLoaded)],
    ]),
    '',
    ...limitsSection(report),
    '',
    ...latencySection(report),
    '',
    ...sensitivitySection(report),
  ];
  if (agent) {
    lines.push(
      '',
      `Agent task: ${agent.steps} steps, ${formatCount(agent.tokensPerTask.totalInput)} input and ` +
        `${formatCount(agent.tokensPerTask.output)} output tokens, ${formatUsd(agent.costPerTask)} ` +
        `a task, ${formatCount(agent.tasksPerMonth)} tasks a month`,
    );
  }
  return `${lines.join('\n')}\n`;
}

import { BAND_EDGES } from './band.ts';
import { formatCount, formatMs, formatPercent, formatTimes, formatUsd } from './format.ts';
import type { Report } from './report-types.ts';

/** The reasons behind a report's band, most decisive first, in words a reviewer can check. */
export function explain(report: Report): string[] {
  return [
    compliance(report),
    costs(report),
    crossover(report),
    rateLimits(report),
    latency(report),
    caching(report),
    quality(report),
  ].filter((reason): reason is string => reason !== null);
}

function compliance(report: Report): string | null {
  if (!report.workload.compliance) return null;
  return 'Data must stay in-house: self-hosting is a prerequisite, whatever it costs.';
}

function costs(report: Report): string {
  const { api, selfHost, workload } = report;
  const cluster =
    `${selfHost.replicas} replica${selfHost.replicas === 1 ? '' : 's'} of ${selfHost.modelName} ` +
    `on ${selfHost.gpusPerReplica} × ${selfHost.gpuName} (${selfHost.precision})`;
  return (
    `At ${formatCount(workload.requestsPerMonth)} requests a month the API costs ` +
    `${formatUsd(api.monthlyCost)} (${formatUsd(api.costPerRequest)} a request); ` +
    `${cluster} cost ${formatUsd(selfHost.monthlyCost)} in GPUs, ` +
    `${formatUsd(selfHost.monthlyCostLoaded)} with ${formatUsd(selfHost.opsMonthlyUsd)} ` +
    'of operations a month.'
  );
}

function crossover(report: Report): string {
  const { requestsPerMonth: cluster, requestsPerMonthLoaded: loaded } = report.crossover;
  if (loaded === null) {
    const gpusOnly =
      cluster === null ? '' : ` (on GPU cost alone it would from ${formatCount(cluster)} a month)`;
    return (
      'Self-hosting with its operating cost never gets cheaper than the API in the range ' +
      `checked${gpusOnly}: the API's price per request is below the cluster's at full load.`
    );
  }

  const ratio = report.workload.requestsPerMonth / loaded;
  const gpusOnly = cluster === null ? '' : `${formatCount(cluster)} on GPUs alone, `;
  return (
    `Self-hosting breaks even at ${gpusOnly}${formatCount(loaded)} requests a month with ` +
    `operations; this workload runs at ${formatTimes(ratio)} that. ${bandRule(ratio)}`
  );
}

function bandRule(ratio: number): string {
  if (ratio < BAND_EDGES.optimizeCache) {
    return 'Below an eighth of break-even the cluster would cost many times the API bill.';
  }
  if (ratio < BAND_EDGES.evaluate) {
    return 'Near break-even any saving is too thin to pay for a migration; caching decides.';
  }
  if (ratio < BAND_EDGES.selfHost) {
    return 'Well past break-even self-hosting saves money; quality, latency and operations decide.';
  }
  return 'Far past break-even the saving pays for a platform team many times over.';
}

function rateLimits(report: Report): string {
  const limits = report.api.rateLimits;
  const need =
    `The peak minute needs ${formatCount(limits.requiredRpm)} requests, ` +
    `${formatCount(limits.requiredItpm)} uncached input and ` +
    `${formatCount(limits.requiredOtpm)} output tokens`;
  if (limits.minTier === null) {
    return `${need}: no ${limits.scheme} tier carries it, so the API alone cannot serve the peak.`;
  }
  const tier = limits.tiers.find((candidate) => candidate.name === limits.minTier);
  const headroom = tier ? ` with ${formatTimes(tier.headroom)} headroom` : '';
  const reach = tier ? ` (${tier.howToReach})` : '';
  return `${need}: ${limits.minTier} carries it${headroom}${reach}.`;
}

function latency(report: Report): string | null {
  const { latency: figures } = report;
  const api = `API first token ${formatMs(figures.apiTtftMs)} typical, ${formatMs(
    figures.apiTtftP99Ms,
  )} in the tail`;
  const own = `self-hosted ${formatMs(figures.selfHostTtftMs)} at ${formatCount(
    figures.concurrencyPerReplica,
  )} requests in flight per replica`;
  if (figures.ttftTargetMs === null) return `${api}; ${own}.`;

  const target = `target ${formatMs(figures.ttftTargetMs)}`;
  if (figures.selfHostMeetsTarget && !figures.apiMeetsTarget) {
    return `Only self-hosting meets the ${target}: ${api}; ${own}.`;
  }
  if (!figures.selfHostMeetsTarget && !figures.apiMeetsTarget) {
    return `Neither side meets the ${target}: ${api}; ${own}.`;
  }
  return `The API meets the ${target}: ${api}; ${own}.`;
}

function caching(report: Report): string | null {
  if (report.api.prefixTooShortToCache) {
    return (
      "The stable prefix is shorter than the model's minimum cacheable length, so nothing is " +
      'cached: every request pays the full input price.'
    );
  }
  const current = report.workload.cacheHitRate;
  const better = report.sensitivity.cacheHitRate.find((point) => point.value > current);
  const here = report.sensitivity.cacheHitRate.find((point) => point.value === current);
  if (!better || !here || here.crossoverLoaded === null || better.crossoverLoaded === null) {
    return null;
  }
  return (
    `A ${formatPercent(better.value)} cache hit rate instead of ${formatPercent(current)} ` +
    `moves break-even from ${formatCount(here.crossoverLoaded)} to ` +
    `${formatCount(better.crossoverLoaded)} requests a month.`
  );
}

function quality(report: Report): string {
  const { quality: caveat, selfHost } = report;
  const fit = caveat.chosenIsStandIn
    ? `${selfHost.modelName} is a published stand-in for Claude's ${caveat.claudeClass} tier`
    : `${selfHost.modelName} is not a usual stand-in for Claude's ${caveat.claudeClass} tier ` +
      `(those are ${caveat.standIns.join(', ')})`;
  return `${fit}: ${caveat.gap}.`;
}

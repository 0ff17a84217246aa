import { formatCount, formatUsd } from './format.ts';
import type { Report } from './report-types.ts';
import type { Band } from './workload.ts';

/** What an audit keeps of its report: enough to say later what changed. */
export interface ReportSummary {
  band: Band;
  catalogAsOf: string;
  apiModel: string;
  openModel: string;
  gpu: string;
  gpusPerReplica: number;
  gpuHourlyUsd: number;
  apiCostPerRequest: number;
  apiMonthlyCost: number;
  selfHostMonthlyCost: number;
  selfHostMonthlyCostLoaded: number;
  crossover: number | null;
  crossoverLoaded: number | null;
}

/** The figures of a report an audit stores. */
export function summarize(report: Report): ReportSummary {
  return {
    band: report.band,
    catalogAsOf: report.catalog.asOf,
    apiModel: report.api.model,
    openModel: report.selfHost.model,
    gpu: report.selfHost.gpu,
    gpusPerReplica: report.selfHost.gpusPerReplica,
    gpuHourlyUsd: report.selfHost.gpuHourlyUsd,
    apiCostPerRequest: report.api.costPerRequest,
    apiMonthlyCost: report.api.monthlyCost,
    selfHostMonthlyCost: report.selfHost.monthlyCost,
    selfHostMonthlyCostLoaded: report.selfHost.monthlyCostLoaded,
    crossover: report.crossover.requestsPerMonth,
    crossoverLoaded: report.crossover.requestsPerMonthLoaded,
  };
}

/** A crossover that moves by more than this share is worth a nudge before the quarter is out. */
export const MATERIAL_CROSSOVER_MOVE = 0.25;

/** Relative move from one figure to another; a crossover appearing or vanishing is infinite. */
function relativeMove(before: number | null, after: number | null): number {
  if (before === null && after === null) return 0;
  if (before === null || after === null || before === 0) return Number.POSITIVE_INFINITY;
  return Math.abs(after - before) / before;
}

/**
 * Whether a re-run changes the advice enough to tell the thread early: the band changes, or
 * the loaded crossover moves by more than a quarter.
 */
export function isMaterialChange(before: ReportSummary, after: ReportSummary): boolean {
  return (
    before.band !== after.band ||
    relativeMove(before.crossoverLoaded, after.crossoverLoaded) > MATERIAL_CROSSOVER_MOVE
  );
}

function money(label: string, before: number, after: number): string | null {
  if (Math.abs(after - before) < Math.max(0.005 * Math.abs(before), 1e-9)) return null;
  return `${label}: ${formatUsd(before)} → ${formatUsd(after)}`;
}

function volume(label: string, before: number | null, after: number | null): string | null {
  if (relativeMove(before, after) < 0.01) return null;
  const show = (value: number | null) =>
    value === null ? 'none in range' : `${formatCount(value)} requests a month`;
  return `${label}: ${show(before)} → ${show(after)}`;
}

/** What moved between two summaries of the same workload, in words; empty when nothing did. */
export function describeChanges(before: ReportSummary, after: ReportSummary): string[] {
  const changes = [
    before.band === after.band ? null : `band: ${before.band} → ${after.band}`,
    before.catalogAsOf === after.catalogAsOf
      ? null
      : `catalog: ${before.catalogAsOf} → ${after.catalogAsOf}`,
    money('API cost per request', before.apiCostPerRequest, after.apiCostPerRequest),
    money('API per month', before.apiMonthlyCost, after.apiMonthlyCost),
    money('GPU price per hour', before.gpuHourlyUsd, after.gpuHourlyUsd),
    money(
      'self-host per month, loaded',
      before.selfHostMonthlyCostLoaded,
      after.selfHostMonthlyCostLoaded,
    ),
    volume('loaded crossover', before.crossoverLoaded, after.crossoverLoaded),
    before.gpu === after.gpu && before.gpusPerReplica === after.gpusPerReplica
      ? null
      : `replica: ${before.gpusPerReplica} × ${before.gpu} → ${after.gpusPerReplica} × ${after.gpu}`,
  ];
  return changes.filter((change): change is string => change !== null);
}

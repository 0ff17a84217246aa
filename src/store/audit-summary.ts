import { z } from 'zod';
import type { Report } from '../engine/report-types.ts';
import { BANDS } from '../engine/workload.ts';

const usd = z.number().finite().min(0);

/** What an audit keeps of its report: enough to list it and to say what changed next time. */
export const auditSummarySchema = z.object({
  band: z.enum(BANDS),
  apiMonthlyCost: usd,
  selfHostMonthlyCostLoaded: usd,
  /** Monthly requests where the loaded cluster costs what the API does; null when they never do. */
  crossoverLoaded: z.number().finite().min(0).nullable(),
  apiModel: z.string().min(1),
  openModel: z.string().min(1),
});

export type AuditSummary = z.output<typeof auditSummarySchema>;

/** The summary an audit stores of one report. */
export function summarizeReport(report: Report): AuditSummary {
  return {
    band: report.band,
    apiMonthlyCost: report.api.monthlyCost,
    selfHostMonthlyCostLoaded: report.selfHost.monthlyCostLoaded,
    crossoverLoaded: report.crossover.requestsPerMonthLoaded,
    apiModel: report.api.model,
    openModel: report.selfHost.model,
  };
}

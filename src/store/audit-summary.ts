import { z } from 'zod';
import type { ReportSummary } from '../engine/report-summary.ts';
import { BANDS } from '../engine/workload.ts';

const usd = z.number().finite().min(0);
const volume = z.number().finite().min(0).nullable();

/**
 * What an audit keeps of its report (the engine's `ReportSummary`), checked when read back: a
 * stored row is untrusted input.
 */
export const auditSummarySchema = z.object({
  band: z.enum(BANDS),
  catalogAsOf: z.string().min(1),
  apiModel: z.string().min(1),
  openModel: z.string().min(1),
  gpu: z.string().min(1),
  gpusPerReplica: z.number().int().min(1),
  gpuHourlyUsd: usd,
  apiCostPerRequest: usd,
  apiMonthlyCost: usd,
  selfHostMonthlyCost: usd,
  selfHostMonthlyCostLoaded: usd,
  crossover: volume,
  crossoverLoaded: volume,
}) satisfies z.ZodType<ReportSummary>;

export type AuditSummary = ReportSummary;

import { buildReport } from '../../src/engine/report.ts';
import type { Report } from '../../src/engine/report-types.ts';
import { type WorkloadInput, workloadSchema } from '../../src/engine/workload.ts';

/** The date every test prices at, so results do not move with the clock. */
export const TEST_DATE = new Date('2026-12-01T00:00:00Z');

/**
 * The reference article's own assumptions: Maverick on 8× H100 SXM at FP8 for $2.99 a GPU-hour,
 * its published 12,000 prefill and 5,500 decode tokens a second, no operating cost.
 */
export const ARTICLE_CLUSTER: WorkloadInput = {
  gpu: 'h100-sxm',
  gpusPerReplica: 8,
  precision: 'fp8',
  gpuHourlyUsd: 2.99,
  prefillTps: 12_000,
  decodeTps: 5_500,
  opsMonthlyUsd: 0,
};

/** A report for the reference profile with some fields changed. */
export function reportFor(changes: WorkloadInput = {}): Report {
  return buildReport(workloadSchema.parse(changes), TEST_DATE);
}

import { OPEN_MODELS } from './catalog/open-models.ts';
import { WorkloadError } from './errors.ts';
import { selfHostQuote } from './report.ts';
import type { Report, SelfHostReport } from './report-types.ts';

export interface Alternative {
  model: string;
  modelName: string;
  gpu: string;
  gpusPerReplica: number;
  monthlyCostLoaded: number;
}

/**
 * Open models that stand in for the same Claude tier and would self-host this workload for less
 * than the model the report chose, each on its own cheapest replica at catalog prices, cheapest
 * first. The workload's GPU, count, precision and measured throughput are not carried over: they
 * belong to the model it named.
 */
export function cheaperStandIns(report: Report, at: Date): Alternative[] {
  const standIns = OPEN_MODELS.filter(
    (model) =>
      model.id !== report.selfHost.model &&
      model.standsInFor.some((claudeClass) => claudeClass === report.quality.claudeClass),
  );

  const alternatives: Alternative[] = [];
  for (const model of standIns) {
    const workload = {
      ...report.workload,
      openModel: model.id,
      gpu: undefined,
      gpusPerReplica: undefined,
      precision: undefined,
      gpuHourlyUsd: undefined,
      prefillTps: undefined,
      decodeTps: undefined,
    };
    let other: SelfHostReport;
    try {
      other = selfHostQuote(workload, at);
    } catch (error) {
      if (error instanceof WorkloadError) continue;
      throw error;
    }
    if (other.monthlyCostLoaded >= report.selfHost.monthlyCostLoaded) continue;
    alternatives.push({
      model: model.id,
      modelName: model.name,
      gpu: other.gpu,
      gpusPerReplica: other.gpusPerReplica,
      monthlyCostLoaded: other.monthlyCostLoaded,
    });
  }
  return alternatives.sort((a, b) => a.monthlyCostLoaded - b.monthlyCostLoaded);
}

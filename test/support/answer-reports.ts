import type { Report } from '../../src/engine/report-types.ts';
import type { WorkloadInput } from '../../src/engine/workload.ts';
import { reportFor } from './workloads.ts';

/** Workloads that reach every branch of the answer builders, each built by the real engine. */
export const ANSWER_VARIANTS: Record<string, WorkloadInput> = {
  reference: {},
  'a small workload': { requestsPerMonth: 50_000 },
  'a very large workload': { requestsPerMonth: 50_000_000 },
  'data that must stay in-house': { compliance: true, requestsPerMonth: 200_000 },
  'an agent with a latency target': {
    agentSteps: 6,
    toolResultTokens: 3_000,
    ttftTargetMs: 800,
  },
  'business hours, half batch, no operating cost': {
    schedule: 'business-hours',
    batchShare: 0.5,
    opsMonthlyUsd: 0,
  },
  'more than any published tier carries': {
    tierScheme: 'tiers-1-4',
    requestsPerMonth: 500_000_000,
    peakToAverage: 4,
  },
};

export function answerReports(): [string, Report][] {
  return Object.entries(ANSWER_VARIANTS).map(([name, input]) => [name, reportFor(input)]);
}

import type { WorkloadInput } from '../engine/workload.ts';

/** How a field's value is read from text. */
export type FieldKind = 'number' | 'share' | 'money' | 'milliseconds' | 'choice' | 'flag';

export interface WorkloadField {
  /** The name people type: `key=value` in Slack, `--key value` on the command line. */
  key: string;
  /** Where it lands in the workload; requests a day land in requests a month. */
  field: keyof WorkloadInput;
  kind: FieldKind;
  meaning: string;
  example: string;
  /** Multiplies the value read: 30 turns requests a day into requests a month. */
  scale?: number;
}

/** Every input a workload takes, in the order the help text lists them. */
export const WORKLOAD_FIELDS: readonly WorkloadField[] = [
  field('requests-per-month', 'requestsPerMonth', 'number', 'API requests a month', '1.5M'),
  {
    ...field('requests-per-day', 'requestsPerMonth', 'number', 'API requests a day (×30)', '50k'),
    scale: 30,
  },
  field('peak-to-average', 'peakToAverage', 'number', 'peak minute over the mean', '3'),
  field('system-tokens', 'systemTokens', 'number', 'system prompt (cached prefix)', '4k'),
  field('tool-tokens', 'toolTokens', 'number', 'tool definitions (cached prefix)', '8k'),
  field('context-tokens', 'contextTokens', 'number', 'retrieved context per request', '1.5k'),
  field('user-tokens', 'userTokens', 'number', 'user message per request', '500'),
  field('output-tokens', 'outputTokens', 'number', 'output per request', '2k'),
  field('cache-hit-rate', 'cacheHitRate', 'share', 'share of requests whose prefix hits', '80%'),
  field('cache-ttl', 'cacheTtl', 'choice', 'cache lifetime: 5m or 1h', '5m'),
  field('api-model', 'apiModel', 'choice', 'Claude model', 'claude-sonnet-4-6'),
  field('tier-scheme', 'tierScheme', 'choice', 'tiers-1-4 or start-build-scale', 'tiers-1-4'),
  field('batch-share', 'batchShare', 'share', 'share of requests on the Batch API', '20%'),
  field('open-model', 'openModel', 'choice', 'open-weight model to self-host', 'llama-4-maverick'),
  field('gpu', 'gpu', 'choice', 'GPU kind (cheapest fit when left out)', 'h100-sxm'),
  field('gpus-per-replica', 'gpusPerReplica', 'number', 'GPUs in one replica', '8'),
  field('precision', 'precision', 'choice', 'fp8, bf16 or fp4', 'fp8'),
  field('gpu-hourly-usd', 'gpuHourlyUsd', 'money', 'price of one GPU-hour', '$2.99'),
  field('prefill-tps', 'prefillTps', 'number', "one replica's measured prefill tokens/s", '12k'),
  field('decode-tps', 'decodeTps', 'number', "one replica's measured decode tokens/s", '5.5k'),
  field('schedule', 'schedule', 'choice', 'always, business-hours or autoscale', 'always'),
  field('autoscale-floor', 'autoscaleFloor', 'number', 'fewest replicas when autoscaled', '1'),
  field('ops-monthly-usd', 'opsMonthlyUsd', 'money', 'engineering time to run it, a month', '$15k'),
  field('agent-steps', 'agentSteps', 'number', 'requests per agent task', '6'),
  field('tool-result-tokens', 'toolResultTokens', 'number', 'tool result per step', '1k'),
  field('ttft-target-ms', 'ttftTargetMs', 'milliseconds', 'time-to-first-token target', '300ms'),
  field('compliance', 'compliance', 'flag', 'data must stay in-house', 'yes'),
];

function field(
  key: string,
  target: keyof WorkloadInput,
  kind: FieldKind,
  meaning: string,
  example: string,
): WorkloadField {
  return { key, field: target, kind, meaning, example };
}

export function findField(key: string): WorkloadField | undefined {
  const wanted = key.trim().toLowerCase().replaceAll('_', '-');
  return WORKLOAD_FIELDS.find((candidate) => candidate.key === wanted || camel(candidate) === key);
}

function camel(candidate: WorkloadField): string {
  return candidate.key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The key a workload field is typed as, for messages about it. */
export function keyOf(target: string): string {
  return WORKLOAD_FIELDS.find((candidate) => candidate.field === target)?.key ?? target;
}

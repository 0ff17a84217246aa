import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  latencyAt,
  memoryFit,
  minGpus,
  type ReplicaSpec,
  type RequestShape,
  replicaCapacity,
  supportsPrecision,
} from '../engine/capacity.ts';
import { findGpu, GPUS } from '../engine/catalog/gpus.ts';
import { findOpenModel, OPEN_MODELS } from '../engine/catalog/open-models.ts';
import type { Gpu, OpenModel } from '../engine/catalog/types.ts';
import { PRECISIONS, type Precision } from '../engine/workload.ts';

export const CAPACITY_USAGE = [
  'usage: capacity --model <id> --gpu <id> --input-tokens <n> --output-tokens <n>',
  '                [--gpus <n>] [--precision fp8|bf16|fp4] [--cached-prefix-tokens <n>]',
  '                [--concurrency <n>] [--json]',
  '  --gpus defaults to the fewest that fit; --precision to the model’s first the GPU runs.',
].join('\n');

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** GPUs to report on when no count up to 32 fits: one node, so the report can say it does not. */
const FALLBACK_GPUS = 8;

const WHOLE = 'must be a whole number';
// Tensor parallelism needs the GPU count to divide the attention heads: powers of two do.
const GPU_COUNTS = [1, 2, 4, 8, 16, 32, 64];
const gpuCount = z.coerce
  .number({ error: `must be one of ${GPU_COUNTS.join(', ')}` })
  .refine((n) => GPU_COUNTS.includes(n), { error: `must be one of ${GPU_COUNTS.join(', ')}` });
const tokenCount = (min: number) =>
  z.coerce
    .number({ error: `${WHOLE} from ${min} to 10,000,000` })
    .int({ error: `${WHOLE} from ${min} to 10,000,000` })
    .min(min, { error: `${WHOLE} from ${min} to 10,000,000` })
    .max(10_000_000, { error: `${WHOLE} from ${min} to 10,000,000` });

const flagsSchema = z.object({
  model: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
  gpu: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
  gpus: gpuCount.optional(),
  precision: z.enum(PRECISIONS, { error: `must be one of ${PRECISIONS.join(', ')}` }).optional(),
  'input-tokens': tokenCount(0),
  'output-tokens': tokenCount(1),
  'cached-prefix-tokens': tokenCount(0).optional(),
  concurrency: z.coerce
    .number({ error: `${WHOLE} from 1 to 100,000` })
    .int({ error: `${WHOLE} from 1 to 100,000` })
    .min(1, { error: `${WHOLE} from 1 to 100,000` })
    .max(100_000, { error: `${WHOLE} from 1 to 100,000` })
    .optional(),
  json: z.boolean().optional(),
});

type Flags = z.output<typeof flagsSchema>;

const OPTIONS = {
  model: { type: 'string' },
  gpu: { type: 'string' },
  gpus: { type: 'string' },
  precision: { type: 'string' },
  'input-tokens': { type: 'string' },
  'output-tokens': { type: 'string' },
  'cached-prefix-tokens': { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** What the user typed wrong, already worded for them. */
class UsageError extends Error {
  readonly code = 'CAPACITY_USAGE';
}

const unknownModel = (id: string) =>
  `unknown model "${id}"; valid ids: ${OPEN_MODELS.map((m) => m.id).join(', ')}`;
const unknownGpu = (id: string) =>
  `unknown gpu "${id}"; valid ids: ${GPUS.map((g) => g.id).join(', ')}`;
const unsupported = (model: OpenModel, gpu: Gpu, precision: Precision) =>
  `${model.id} at ${precision} does not run on ${gpu.id}: the model ships in ` +
  `${model.precisions.join(', ')}; ${gpu.id} has tensor cores for ` +
  `${Object.keys(gpu.denseTflops).join(', ')}`;
const noPrecision = (model: OpenModel, gpu: Gpu) =>
  `${model.id} ships in no precision ${gpu.id} runs (${model.precisions.join(', ')})`;
const cachedTooLong = '--cached-prefix-tokens cannot exceed --input-tokens';

function readFlags(args: string[]): Flags {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `--${issue.path.join('.')} ${issue.message}`);
    throw new UsageError(lines.join('\n'));
  }

  return parsed.data;
}

function resolveSpec(flags: Flags): ReplicaSpec {
  const model = findOpenModel(flags.model);
  if (!model) throw new UsageError(unknownModel(flags.model));
  const gpu = findGpu(flags.gpu);
  if (!gpu) throw new UsageError(unknownGpu(flags.gpu));

  const precision =
    flags.precision ?? model.precisions.find((p) => supportsPrecision(model, gpu, p));
  if (!precision) throw new UsageError(noPrecision(model, gpu));
  if (!supportsPrecision(model, gpu, precision)) {
    throw new UsageError(unsupported(model, gpu, precision));
  }

  const gpus = flags.gpus ?? minGpus(model, gpu, precision) ?? FALLBACK_GPUS;

  return { model, gpu, gpus, precision };
}

function resolveShape(flags: Flags): RequestShape {
  const cached = flags['cached-prefix-tokens'] ?? 0;
  if (cached > flags['input-tokens']) throw new UsageError(cachedTooLong);

  return {
    inputTokens: flags['input-tokens'],
    outputTokens: flags['output-tokens'],
    cachedPrefixTokens: cached,
  };
}

const round = (value: number, digits = 0) => {
  if (!Number.isFinite(value)) return null;
  const scale = 10 ** digits;

  return Math.round(value * scale) / scale;
};

/** The figures the contract promises, plus what they rest on. */
function capacityReport(spec: ReplicaSpec, shape: RequestShape, concurrency?: number) {
  const fit = memoryFit(spec);
  const capacity = replicaCapacity(spec, shape);
  const latency = concurrency === undefined ? undefined : latencyAt(spec, shape, concurrency);

  return {
    model: spec.model.id,
    gpu: spec.gpu.id,
    gpus: spec.gpus,
    precision: spec.precision,
    fits: capacity.fits,
    minGpus: capacity.minGpus,
    weightsGb: round(fit.weightsGb, 1),
    kvBytesPerToken: fit.kvBytesPerToken,
    kvCacheTokens: capacity.kvCacheTokens,
    maxConcurrency: capacity.maxConcurrency,
    prefillTokensPerSecond: round(capacity.prefillTokensPerSecond),
    decodeTokensPerSecond: round(capacity.decodeTokensPerSecond),
    maxOutputTokensPerSecondPerGpu: round(capacity.maxOutputTokensPerSecondPerGpu),
    requestsPerSecond: round(capacity.requestsPerSecond, 3),
    ...(latency && {
      concurrency,
      ttftMs: round(latency.ttftMs, 1),
      tpotMs: round(latency.tpotMs, 1),
    }),
    sources: {
      gpu: { source: spec.gpu.source, asOf: spec.gpu.asOf },
      model: { source: spec.model.source, asOf: spec.model.asOf },
    },
  };
}

type CapacityReport = ReturnType<typeof capacityReport>;

const LABELS: [keyof CapacityReport, string][] = [
  ['fits', 'fits in memory'],
  ['minGpus', 'fewest GPUs that fit'],
  ['weightsGb', 'weights loaded (GB, copies included)'],
  ['kvCacheTokens', 'KV cache (tokens)'],
  ['maxConcurrency', 'concurrent sequences'],
  ['prefillTokensPerSecond', 'prefill (tokens/s)'],
  ['decodeTokensPerSecond', 'decode (tokens/s)'],
  ['maxOutputTokensPerSecondPerGpu', 'output at max throughput (tokens/s/GPU)'],
  ['requestsPerSecond', 'requests/s'],
  ['ttftMs', 'time to first token (ms)'],
  ['tpotMs', 'time per output token (ms)'],
];

function formatText(report: CapacityReport): string {
  const title = `${report.model} on ${report.gpus}x ${report.gpu} at ${report.precision}`;
  const rows = LABELS.filter(([key]) => key in report).map(([key, label]) => {
    const value = report[key];
    const shown = typeof value === 'number' ? value.toLocaleString('en-US') : String(value);

    return `  ${label.padEnd(40)} ${shown}`;
  });
  const at =
    report.concurrency === undefined ? [] : [`  (latency at concurrency ${report.concurrency})`];
  const sources = [
    `  gpu specs: ${report.sources.gpu.source}, as of ${report.sources.gpu.asOf}`,
    `  model: ${report.sources.model.source}, as of ${report.sources.model.asOf}`,
  ];

  return [title, ...rows, ...at, ...sources].join('\n');
}

/**
 * `capacity` subcommand: one replica's memory fit, throughput and (with --concurrency) latency.
 * `args` exclude the word `capacity`. Bad flags or ids exit with 2 and say what was wrong.
 */
export function capacityCommand(args: string[]): { stdout: string; exitCode: number } {
  try {
    const flags = readFlags(args);
    const spec = resolveSpec(flags);
    const report = capacityReport(spec, resolveShape(flags), flags.concurrency);
    const stdout = flags.json ? JSON.stringify(report, null, 2) : formatText(report);

    return { stdout: `${stdout}\n`, exitCode: EXIT_OK };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;

    return { stdout: `${error.message}\n${CAPACITY_USAGE}\n`, exitCode: EXIT_USAGE };
  }
}

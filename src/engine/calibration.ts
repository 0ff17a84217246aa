import { type BenchmarkRow, CalibrationError, parseBenchmarks, required } from './benchmark-csv.ts';
import {
  type KvCachePrecision,
  latencyAt,
  type Parallelism,
  type ReplicaSpec,
  replicaCapacity,
} from './capacity.ts';
import { findGpu } from './catalog/gpus.ts';
import { findOpenModel } from './catalog/open-models.ts';
import { PRECISIONS, type Precision } from './workload.ts';

export { type BenchmarkRow, CalibrationError, parseBenchmarks } from './benchmark-csv.ts';

export type OperatingPoint = 'max-throughput' | 'latency';

/** One figure of one row: the published value beside the engine's. */
export interface Comparison {
  line: number;
  label: string;
  metric: string;
  operatingPoint: OperatingPoint;
  /** The row's headline figure; the median is taken over these at maximum throughput. */
  primary: boolean;
  published: number;
  engine: number;
  /** (engine − published) / published. */
  error: number;
}

export interface CalibrationSummary {
  comparisons: Comparison[];
  /** Median |error| over the primary figures of maximum-throughput rows. */
  medianAbsErrorMaxThroughput: number;
  worst: Comparison;
}

/*
 * How each published setup maps onto a replica. The KV cache follows each engine's setting:
 * TensorRT-LLM's perf overview leaves it on "auto" (BF16) except where its options file sets
 * FP8 (DeepSeek R1); NIM's FP8 profiles quantise it to FP8; vLLM and SGLang default to BF16.
 */
const FP8_KV_MODELS_IN_TRTLLM_OVERVIEW = new Set(['deepseek-v3']);

/**
 * LMSYS's 96-GPU DeepSeek run splits prefill and decode across nodes: 4 prefill nodes (EP32)
 * and 9 decode nodes (EP72), each phase measured on its own nodes. Its figures are per node,
 * so the engine compares per GPU, phase by phase, on replicas of those sizes.
 */
const DISAGGREGATED_PREFILL_GPUS = 32;
const DISAGGREGATED_DECODE_GPUS = 72;
/** The decode run's output length is not published; a short answer keeps context near 2,000. */
const DISAGGREGATED_OUTPUT_TOKENS = 100;

function kvPrecisionFor(row: BenchmarkRow): KvCachePrecision {
  if (/nim/i.test(row.engine)) return 'fp8';

  const trtOverview = /tensorrt-llm/i.test(row.engine);

  return trtOverview && FP8_KV_MODELS_IN_TRTLLM_OVERVIEW.has(row.model) ? 'fp8' : 'bf16';
}

function parallelismFor(row: BenchmarkRow): { parallelism: Parallelism; replicaGpus: number } {
  const tp = /TP(\d+)/.exec(row.parallelism);
  if (tp?.[1] && !/^DEP/i.test(row.parallelism)) {
    return { parallelism: 'tensor', replicaGpus: Number(tp[1]) };
  }

  return { parallelism: 'data-expert', replicaGpus: row.gpus };
}

function specFor(row: BenchmarkRow): ReplicaSpec {
  const model = findOpenModel(row.model);
  const gpu = findGpu(row.gpu);
  if (!model) throw new CalibrationError(`line ${row.line}: unknown model "${row.model}"`);
  if (!gpu) throw new CalibrationError(`line ${row.line}: unknown gpu "${row.gpu}"`);
  if (!(PRECISIONS as readonly string[]).includes(row.precision)) {
    throw new CalibrationError(`line ${row.line}: unknown precision "${row.precision}"`);
  }
  const { parallelism, replicaGpus } = parallelismFor(row);

  return {
    model,
    gpu,
    gpus: replicaGpus,
    precision: row.precision as Precision,
    parallelism,
    kvCachePrecision: kvPrecisionFor(row),
  };
}

function labelOf(row: BenchmarkRow): string {
  const output = row.outputTokens ?? '-';
  const at = row.concurrency === null ? '' : ` @${row.concurrency}`;

  return `${row.model} ${row.gpus}x${row.gpu} ${row.inputTokens}/${output}${at}`;
}

function comparison(
  row: BenchmarkRow,
  metric: string,
  published: number,
  engine: number,
  primary: boolean,
): Comparison {
  const operatingPoint: OperatingPoint = /throughput/i.test(row.load)
    ? 'max-throughput'
    : 'latency';

  return {
    line: row.line,
    label: labelOf(row),
    metric,
    operatingPoint,
    primary,
    published,
    engine,
    error: (engine - published) / published,
  };
}

function compareDisaggregated(row: BenchmarkRow, spec: ReplicaSpec): Comparison[] {
  const perNode = /(\d+) input \+ (\d+) output per (\d+)-GPU node/.exec(row.totalTokensPerSecond);
  const shape = { inputTokens: row.inputTokens, outputTokens: DISAGGREGATED_OUTPUT_TOKENS };
  const decode = replicaCapacity({ ...spec, gpus: DISAGGREGATED_DECODE_GPUS }, shape);
  const published = required(
    row.outputTokensPerSecondPerGpu,
    'output_tokens_per_s_per_gpu',
    row.line,
  );
  const result = [
    comparison(
      row,
      'decode tok/s/GPU',
      published,
      decode.decodeTokensPerSecond / DISAGGREGATED_DECODE_GPUS,
      true,
    ),
  ];
  if (!perNode) return result;

  const prefill = replicaCapacity({ ...spec, gpus: DISAGGREGATED_PREFILL_GPUS }, shape);
  const publishedPrefill = Number(perNode[1]) / Number(perNode[3]);

  return [
    ...result,
    comparison(
      row,
      'prefill tok/s/GPU',
      publishedPrefill,
      prefill.prefillTokensPerSecond / DISAGGREGATED_PREFILL_GPUS,
      false,
    ),
  ];
}

function compareReplicas(row: BenchmarkRow, spec: ReplicaSpec): Comparison[] {
  const output = required(row.outputTokens, 'output_tokens', row.line);
  const capacity = replicaCapacity(spec, { inputTokens: row.inputTokens, outputTokens: output });
  const replicas = row.gpus / spec.gpus;
  const result: Comparison[] = [];

  if (row.outputTokensPerSecondPerGpu !== null) {
    const engine = capacity.maxOutputTokensPerSecondPerGpu;
    result.push(comparison(row, 'output tok/s/GPU', row.outputTokensPerSecondPerGpu, engine, true));
  }
  const total = Number(row.totalTokensPerSecond);
  if (row.totalTokensPerSecond !== '' && Number.isFinite(total)) {
    const engine = capacity.requestsPerSecond * (row.inputTokens + output) * replicas;
    result.push(comparison(row, 'total tok/s', total, engine, result.length === 0));
  }

  return result;
}

function compareLatency(row: BenchmarkRow, spec: ReplicaSpec, concurrency: number): Comparison[] {
  const output = required(row.outputTokens, 'output_tokens', row.line);
  const shape = { inputTokens: row.inputTokens, outputTokens: output };
  const { ttftMs, tpotMs } = latencyAt(spec, shape, concurrency);
  const requestMs = ttftMs + (output - 1) * tpotMs;
  const perGpu = (concurrency * output) / (requestMs / 1000) / spec.gpus;
  const result: Comparison[] = [];

  if (row.outputTokensPerSecondPerGpu !== null) {
    result.push(comparison(row, 'output tok/s/GPU', row.outputTokensPerSecondPerGpu, perGpu, true));
  }
  if (row.ttftMs !== null) result.push(comparison(row, 'TTFT ms', row.ttftMs, ttftMs, false));
  if (row.tpotMs !== null) result.push(comparison(row, 'TPOT ms', row.tpotMs, tpotMs, false));

  return result;
}

/** The engine's figures beside one row's published ones, at the row's own operating point. */
export function compareRow(row: BenchmarkRow): Comparison[] {
  const spec = specFor(row);

  if (/disaggregated/i.test(row.parallelism)) return compareDisaggregated(row, spec);
  if (row.concurrency !== null) return compareLatency(row, spec, row.concurrency);

  return compareReplicas(row, spec);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;

  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Compares the engine with every published figure in the CSV text. The median is over the
 * maximum-throughput rows' headline figures only: latency at low concurrency is another
 * operating point and never validates a throughput figure, nor the reverse.
 */
export function calibrate(csvText: string): CalibrationSummary {
  const comparisons = parseBenchmarks(csvText).flatMap(compareRow);
  if (comparisons.length === 0) throw new CalibrationError('no rows to compare');

  const headline = comparisons.filter((c) => c.primary && c.operatingPoint === 'max-throughput');
  const worst = comparisons.reduce((a, b) => (Math.abs(b.error) > Math.abs(a.error) ? b : a));

  return {
    comparisons,
    medianAbsErrorMaxThroughput: median(headline.map((c) => Math.abs(c.error))),
    worst,
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CalibrationError, calibrate, parseBenchmarks } from '../../src/engine/calibration.ts';

const CSV_PATH = fileURLToPath(
  new URL('../../../shared/reference/throughput-benchmarks.csv', import.meta.url),
);

const HEADER =
  'model,precision,gpu,gpus,parallelism,engine,load,input_tokens,output_tokens,concurrency,' +
  'output_tokens_per_s_per_gpu,total_tokens_per_s,ttft_ms,tpot_ms,source';

function publishedCsv(): string {
  if (!existsSync(CSV_PATH)) {
    throw new Error(`calibration needs the published benchmarks at ${CSV_PATH}; none found`);
  }

  return readFileSync(CSV_PATH, 'utf8');
}

describe('calibrate against ../shared/reference/throughput-benchmarks.csv', () => {
  const summary = calibrate(publishedCsv());

  it('compares every row of the file', () => {
    const rows = parseBenchmarks(publishedCsv()).map((row) => row.line);
    const compared = new Set(summary.comparisons.map((c) => c.line));

    expect([...compared].sort((a, b) => a - b)).toEqual(rows);
  });

  it('keeps the median absolute error over maximum-throughput rows within 25%', () => {
    expect(summary.medianAbsErrorMaxThroughput).toBeLessThanOrEqual(0.25);
  });

  it('is off by no more than 50% on any figure of any row', () => {
    const far = summary.comparisons.filter((c) => Math.abs(c.error) > 0.5);

    expect(far).toEqual([]);
  });

  it('never puts a low-concurrency latency row into the throughput median', () => {
    const latencyLines = summary.comparisons
      .filter((c) => c.operatingPoint === 'latency')
      .map((c) => c.line);

    expect(latencyLines.length).toBeGreaterThan(0);
    for (const line of latencyLines) {
      const row = parseBenchmarks(publishedCsv()).find((r) => r.line === line);
      expect(row?.load).toBe('online');
    }
  });
});

describe('parseBenchmarks', () => {
  it('reads quoted cells with commas inside', () => {
    const quoted =
      'llama-3.3-70b,fp8,h200,2,TP2,"vLLM, nightly",max throughput,1000,1000,,2000,,,,"a, b"';
    const csv = `${HEADER}\n${quoted}\n`;
    const [row] = parseBenchmarks(csv);

    expect(row).toMatchObject({ engine: 'vLLM, nightly', source: 'a, b', concurrency: null });
  });

  it('rejects a file whose header is not the benchmark columns', () => {
    expect(() => parseBenchmarks('model,gpu\nx,y')).toThrow(CalibrationError);
  });

  it('names the line and column of a cell that is not a number', () => {
    const csv = `${HEADER}\nllama-3.3-70b,fp8,h200,two,TP2,x,max throughput,1000,1000,,1,,,,s`;

    expect(() => parseBenchmarks(csv)).toThrow(/line 2: gpus is not a number/);
  });

  it('rejects a row naming a model the catalog lacks', () => {
    const csv = `${HEADER}\nmixtral,fp8,h200,2,TP2,x,max throughput,1000,1000,,1,,,,s`;

    expect(() => calibrate(csv)).toThrow(/unknown model "mixtral"/);
  });
});

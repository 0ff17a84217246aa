import { describe, expect, it } from 'vitest';
import {
  CSV_ENV,
  csvPath,
  DEFAULT_CSV,
  formatCalibration,
  meetsTargets,
} from '../../src/cli/calibrate.ts';
import type { CalibrationSummary, Comparison } from '../../src/engine/calibration.ts';

function comparison(changes: Partial<Comparison> = {}): Comparison {
  return {
    line: 2,
    label: 'llama-3.3-70b 2xh200 1000/1000',
    metric: 'output tok/s/GPU',
    operatingPoint: 'max-throughput',
    primary: true,
    published: 2587,
    engine: 2326,
    error: (2326 - 2587) / 2587,
    ...changes,
  };
}

function summary(changes: Partial<CalibrationSummary> = {}): CalibrationSummary {
  const only = comparison();

  return { comparisons: [only], medianAbsErrorMaxThroughput: 0.1, worst: only, ...changes };
}

describe('csvPath', () => {
  it('takes the argument first, then the environment, then the shared reference', () => {
    expect(csvPath(['a.csv'], { [CSV_ENV]: 'b.csv' })).toBe('a.csv');
    expect(csvPath([], { [CSV_ENV]: 'b.csv' })).toBe('b.csv');
    expect(csvPath([], {})).toBe(DEFAULT_CSV);
    expect(DEFAULT_CSV).toMatch(/shared\/reference\/throughput-benchmarks\.csv$/);
  });
});

describe('formatCalibration', () => {
  it('prints each figure beside the engine and the error', () => {
    const text = formatCalibration(summary());

    expect(text).toMatch(
      /llama-3\.3-70b 2xh200 1000\/1000\s+output tok\/s\/GPU\s+2,587\s+2,326\s+-10%/,
    );
    expect(text).toContain('median absolute error, maximum-throughput rows: 10.0%');
  });
});

describe('meetsTargets', () => {
  it('passes within 25% median and 50% worst, and fails beyond either', () => {
    expect(meetsTargets(summary())).toBe(true);
    expect(meetsTargets(summary({ medianAbsErrorMaxThroughput: 0.3 }))).toBe(false);
    expect(meetsTargets(summary({ worst: comparison({ error: -0.6 }) }))).toBe(false);
  });
});

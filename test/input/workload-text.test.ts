import { describe, expect, it } from 'vitest';
import { referenceWorkload } from '../../src/engine/workload.ts';
import { parseWorkloadText } from '../../src/input/workload-text.ts';

function parsed(text: string) {
  const result = parseWorkloadText(text);
  if (!result.ok) throw new Error(`expected to parse: ${result.problems.join('; ')}`);
  return result.workload;
}

function problems(text: string): string[] {
  const result = parseWorkloadText(text);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseWorkloadText', () => {
  it("reads the issue's example as the reference profile", () => {
    const text =
      '1.5M requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, 80% cache';
    expect(parsed(text)).toEqual(referenceWorkload);
  });

  it('reads requests a day as thirty days of them', () => {
    expect(parsed('50k requests/day').requestsPerMonth).toBe(1_500_000);
    expect(parsed('requests-per-day=2k').requestsPerMonth).toBe(60_000);
  });

  it('reads key=value pairs with the CLI flag names', () => {
    const workload = parsed('cache-hit-rate=0.95; output-tokens=500; gpu=h100-sxm; compliance=yes');
    expect(workload).toMatchObject({
      cacheHitRate: 0.95,
      outputTokens: 500,
      gpu: 'h100-sxm',
      compliance: true,
    });
  });

  it('reads models, a replica shape, precision, schedule and compliance as bare words', () => {
    const workload = parsed(
      'claude-opus-4-7, llama-4-maverick, 8x h100-sxm, fp8, business-hours, compliance',
    );
    expect(workload).toMatchObject({
      apiModel: 'claude-opus-4-7',
      openModel: 'llama-4-maverick',
      gpu: 'h100-sxm',
      gpusPerReplica: 8,
      precision: 'fp8',
      schedule: 'business-hours',
      compliance: true,
    });
  });

  it('reads prices, a peak, agent steps and a latency target as phrases', () => {
    const workload = parsed(
      '$2.99/gpu-hour, $20k ops, 3x peak, 6 steps, 1k tool result, ttft 300ms',
    );
    expect(workload).toMatchObject({
      gpuHourlyUsd: 2.99,
      opsMonthlyUsd: 20_000,
      peakToAverage: 3,
      agentSteps: 6,
      toolResultTokens: 1_000,
      ttftTargetMs: 300,
    });
  });

  it('treats empty text as the reference profile', () => {
    expect(parsed('   ')).toEqual(referenceWorkload);
  });

  it('names the part it could not read', () => {
    expect(problems('1.5M requests/month, lots of bananas')).toEqual([
      expect.stringContaining('"lots of bananas"'),
    ]);
  });

  it('names an unknown key and a bad value', () => {
    const found = problems('colour=blue, output-tokens=many');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/Unknown key "colour"/);
    expect(found[1]).toMatch(/output-tokens: "many" is not a number/);
  });

  it('names a value out of range with its key', () => {
    expect(problems('cache-hit-rate=150%')).toEqual(['cache-hit-rate: must be at most 1.']);
    expect(problems('agent-steps=2.5')).toEqual(['agent-steps: must be a whole number.']);
  });

  it('rejects a key given twice rather than guessing which one counts', () => {
    expect(problems('2k output, output-tokens=3k')).toEqual([
      'output-tokens is given twice; keep one.',
    ]);
  });

  it('lists the choices when a GPU or model is not in the catalog', () => {
    expect(problems('gpu=tpu-v5')[0]).toMatch(/gpu: "tpu-v5" is not one of .*h100-sxm/);
  });
});

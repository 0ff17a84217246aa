import { describe, expect, it } from 'vitest';
import { capacityCommand } from '../../src/cli/capacity-command.ts';

type Changes = Record<string, string | true | null>;

/** The contract's example, with flags replaced, added, or (null) left out. */
function args(changes: Changes = {}): string[] {
  const flags: Changes = {
    model: 'llama-4-maverick',
    gpu: 'h100-sxm',
    gpus: '8',
    precision: 'fp8',
    'input-tokens': '14000',
    'output-tokens': '2000',
    ...changes,
  };

  return Object.entries(flags).flatMap(([flag, value]) => {
    if (value === null) return [];

    return value === true ? [`--${flag}`] : [`--${flag}`, value];
  });
}

function json(changes: Changes = {}) {
  const result = capacityCommand(args({ ...changes, json: true }));
  expect(result.exitCode).toBe(0);

  return JSON.parse(result.stdout);
}

describe('capacityCommand', () => {
  it('prints the contract fields as JSON', () => {
    const report = json();

    expect(report).toMatchObject({ fits: true, minGpus: 8 });
    for (const field of [
      'kvCacheTokens',
      'maxOutputTokensPerSecondPerGpu',
      'prefillTokensPerSecond',
    ]) {
      expect(report[field]).toBeGreaterThan(0);
    }
    expect(report).not.toHaveProperty('ttftMs');
  });

  it('adds TTFT and TPOT at the concurrency given', () => {
    const report = json({ concurrency: '16' });

    expect(report.concurrency).toBe(16);
    expect(report.ttftMs).toBeGreaterThan(0);
    expect(report.tpotMs).toBeGreaterThan(0);
  });

  it('says a model does not fit, with the fewest GPUs that would', () => {
    expect(json({ model: 'deepseek-v3' })).toMatchObject({ fits: false, minGpus: 16 });
  });

  it('picks the fewest GPUs and a precision the GPU runs when not told', () => {
    const report = json({ model: 'deepseek-r1', gpu: 'h200', gpus: null, precision: null });

    expect(report).toMatchObject({ model: 'deepseek-v3', gpus: 8, precision: 'fp8', fits: true });
  });

  it('prints a readable table without --json', () => {
    const result = capacityCommand(args({ concurrency: '4' }));

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^llama-4-maverick on 8x h100-sxm at fp8\n/);
    expect(result.stdout).toMatch(/KV cache \(tokens\)\s+[\d,]+/);
    expect(result.stdout).toMatch(/time to first token \(ms\)\s+[\d,.]+/);
  });

  it('names the unknown model and lists the valid ids', () => {
    const result = capacityCommand(args({ model: 'mixtral' }));

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('unknown model "mixtral"');
    expect(result.stdout).toContain('llama-4-maverick, llama-4-scout, deepseek-v3');
  });

  it('names the unknown GPU and lists the valid ids', () => {
    const result = capacityCommand(args({ gpu: 'mi300x' }));

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('unknown gpu "mi300x"; valid ids: h100-sxm, h100-pcie');
  });

  it('refuses an unknown flag', () => {
    const result = capacityCommand(args({ turbo: true }));

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain("Unknown option '--turbo'");
  });

  it('refuses bad numbers, one line per flag', () => {
    const result = capacityCommand(args({ gpus: '3', 'output-tokens': 'many' }));

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('--gpus must be one of 1, 2, 4, 8, 16, 32, 64');
    expect(result.stdout).toContain('--output-tokens must be a whole number from 1');
  });

  it('refuses a missing required flag', () => {
    const result = capacityCommand(args().slice(0, -2));

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('--output-tokens');
  });

  it('refuses a precision the GPU has no tensor cores for', () => {
    const result = capacityCommand(args({ gpu: 'a100-80gb', precision: 'fp8' }));

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('does not run on a100-80gb');
  });

  it('refuses a cached prefix longer than the input', () => {
    const result = capacityCommand(args({ 'cached-prefix-tokens': '20000' }));

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('--cached-prefix-tokens cannot exceed --input-tokens');
  });
});

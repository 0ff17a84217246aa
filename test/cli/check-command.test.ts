import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/check-command.ts';
import { TEST_DATE } from '../support/workloads.ts';

const run = promisify(execFile);
const EXAMPLE =
  '1.5M requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, 80% cache';

describe('checkCommand', () => {
  it('prints the JSON contract: workload, api, selfHost, crossover, band, reasons, catalog', () => {
    const result = checkCommand([EXAMPLE, '--json'], TEST_DATE);
    const json = JSON.parse(result.stdout);

    expect(result.exitCode).toBe(0);
    expect(json.workload).toMatchObject({ requestsPerMonth: 1_500_000, cacheHitRate: 0.8 });
    expect(json.api.costPerRequest).toBeCloseTo(0.04788, 8);
    expect(json.api.monthlyCost).toBeCloseTo(71_820, 2);
    expect(json.selfHost).toEqual(
      expect.objectContaining({
        replicas: expect.any(Number),
        monthlyCost: expect.any(Number),
        monthlyCostLoaded: expect.any(Number),
        gpu: expect.any(String),
        gpusPerReplica: expect.any(Number),
      }),
    );
    expect(json.crossover).toEqual({
      requestsPerMonth: expect.any(Number),
      requestsPerMonthLoaded: expect.any(Number),
    });
    expect(['stay-on-api', 'optimize-cache', 'evaluate', 'self-host']).toContain(json.band);
    expect(json.reasons.length).toBeGreaterThan(0);
    expect(json.catalog.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('lets flags override the same key in the text', () => {
    const result = checkCommand([EXAMPLE, '--output-tokens', '500', '--json'], TEST_DATE);
    expect(JSON.parse(result.stdout).workload.outputTokens).toBe(500);
  });

  it('reads --compliance as a switch', () => {
    const result = checkCommand(['--compliance', '--json'], TEST_DATE);
    expect(JSON.parse(result.stdout).band).toBe('self-host');
  });

  it('exits with 2 and names an unknown flag', () => {
    const result = checkCommand(['--colour', 'blue'], TEST_DATE);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--colour'/);
  });

  it('exits with 2 and names each bad value', () => {
    const result = checkCommand(['--cache-hit-rate', '2', '--gpu', 'tpu'], TEST_DATE);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/gpu: "tpu" is not one of/);
    expect(result.stderr).toMatch(/cache-hit-rate: must be at most 1/);
  });

  it('prints the band, reasons and sections for a terminal', () => {
    const { stdout } = checkCommand([EXAMPLE], TEST_DATE);
    expect(stdout).toMatch(/^(Stay on the API|Evaluate|Self-host)/);
    for (const section of [
      'API:',
      'Self-host:',
      'Crossover',
      'Rate limits',
      'Latency',
      'Sensitivity',
    ]) {
      expect(stdout).toContain(section);
    }
  });
});

describe('npm run check', () => {
  it('runs from a shell as the README says', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', EXAMPLE, '--json']);
    expect(JSON.parse(stdout).api.monthlyCost).toBeCloseTo(71_820, 2);
  });
});

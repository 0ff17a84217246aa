import { describe, expect, it } from 'vitest';
import { bandRanges } from '../../src/engine/band.ts';
import { OPEN_MODELS } from '../../src/engine/catalog/open-models.ts';
import { WorkloadError } from '../../src/engine/errors.ts';
import { buildReport, selfHostQuote } from '../../src/engine/report.ts';
import { clusterCost } from '../../src/engine/sizing.ts';
import { workloadSchema } from '../../src/engine/workload.ts';
import { reportFor, TEST_DATE } from '../support/workloads.ts';

describe('buildReport', () => {
  it('moves the band one way as volume grows: stay-on-api at 50K, self-host at 50M', () => {
    const volumes = [5e4, 2e5, 1.5e6, 5e6, 5e7];
    const bands = volumes.map((volume) => reportFor({ requestsPerMonth: volume }).band);

    expect(bands[0]).toBe('stay-on-api');
    expect(bands.at(-1)).toBe('self-host');
    const order = ['stay-on-api', 'optimize-cache', 'evaluate', 'self-host'];
    const ranks = bands.map((band) => order.indexOf(band));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('finds crossovers at which the two monthly costs agree within 1%', () => {
    const report = reportFor();
    const { requestsPerMonth: cluster, requestsPerMonthLoaded: loaded } = report.crossover;
    expect(cluster).not.toBeNull();
    expect(loaded).not.toBeNull();

    for (const [volume, ops] of [
      [cluster as number, 0],
      [loaded as number, report.workload.opsMonthlyUsd],
    ] as const) {
      const api = volume * report.api.costPerRequest;
      const replica = workloadSchema.parse({
        ...report.workload,
        requestsPerMonth: volume,
        gpu: report.selfHost.gpu,
        gpusPerReplica: report.selfHost.gpusPerReplica,
        precision: report.selfHost.precision,
      });
      const selfHost = buildReport(replica, TEST_DATE).selfHost.monthlyCost + ops;
      expect(Math.abs(api - selfHost) / api).toBeLessThan(0.01);
    }
  });

  it('puts the loaded crossover above the GPU-only one by the operating cost', () => {
    const report = reportFor();
    expect(report.crossover.requestsPerMonthLoaded).toBeGreaterThan(
      report.crossover.requestsPerMonth as number,
    );
  });

  it('recommends self-hosting whatever the cost when data must stay in-house', () => {
    const report = reportFor({ requestsPerMonth: 1_000, compliance: true });
    expect(report.band).toBe('self-host');
    expect(report.reasons[0]).toMatch(/in-house/);
  });

  it('moves the band to evaluate when only self-hosting meets the TTFT target', () => {
    const without = reportFor({ requestsPerMonth: 2e5 });
    const { selfHostTtftMs, apiTtftMs } = without.latency;
    expect(selfHostTtftMs).toBeLessThan(apiTtftMs);

    const target = (selfHostTtftMs + apiTtftMs) / 2;
    const withTarget = reportFor({ requestsPerMonth: 2e5, ttftTargetMs: target });

    expect(without.band).toBe('optimize-cache');
    expect(withTarget.latency).toMatchObject({ apiMeetsTarget: false, selfHostMeetsTarget: true });
    expect(withTarget.band).toBe('evaluate');
    expect(withTarget.reasons).toContainEqual(expect.stringMatching(/^Only self-hosting meets/));
  });

  it('sizes replicas for the peak minute, not the monthly mean', () => {
    const flat = reportFor({ requestsPerMonth: 5e6 });
    const peaky = reportFor({ requestsPerMonth: 5e6, peakToAverage: 3 });
    expect(peaky.selfHost.replicas).toBeGreaterThan(flat.selfHost.replicas);
    expect(peaky.api.rateLimits.requiredRpm).toBeCloseTo(3 * flat.api.rateLimits.requiredRpm, 6);
  });

  it('bills a business-hours cluster for about 257 hours a replica', () => {
    const report = reportFor({ schedule: 'business-hours', requestsPerMonth: 1e5 });
    expect(report.selfHost.replicaHoursPerMonth / report.selfHost.replicas).toBeCloseTo(257.14, 1);
  });

  it('bills an autoscaled cluster less than an always-on one at a bursty peak', () => {
    const always = reportFor({ requestsPerMonth: 2e7, peakToAverage: 4 });
    const scaled = reportFor({ requestsPerMonth: 2e7, peakToAverage: 4, schedule: 'autoscale' });
    expect(scaled.selfHost.monthlyCost).toBeLessThan(always.selfHost.monthlyCost);
  });

  it('reports agent tasks: cost per task is the steps summed', () => {
    const report = reportFor({ agentSteps: 4, toolResultTokens: 500 });
    expect(report.agent?.steps).toBe(4);
    expect(report.agent?.costPerTask).toBeCloseTo(4 * report.api.costPerRequest, 10);
  });

  it("refuses a request longer than either model's context window, naming the model", () => {
    const long = workloadSchema.parse({ contextTokens: 150_000, openModel: 'llama-3.3-70b' });
    expect(() => buildReport(long, TEST_DATE)).toThrow(/Llama 3.3 70B.*131K-token context/);
    const huge = workloadSchema.parse({ toolTokens: 1_500_000 });
    expect(() => buildReport(huge, TEST_DATE)).toThrow(/Claude Sonnet 4.6's 1M-token context/);
  });

  it('names the unknown model and lists the known ones', () => {
    const bad = workloadSchema.parse({ openModel: 'llama-9' });
    expect(() => buildReport(bad, TEST_DATE)).toThrow(WorkloadError);
    expect(() => buildReport(bad, TEST_DATE)).toThrow(/Unknown open model "llama-9". Known: /);
  });

  it('draws a sweep whose self-host line steps up by one replica at a time', () => {
    const { sweep } = reportFor();
    const steps = new Set(sweep.selfHost.map((cost) => Math.round(cost)));
    expect(sweep.requestsPerMonth.length).toBe(sweep.api.length);
    expect([...steps].length).toBeGreaterThan(2);
    expect(sweep.selfHost).toEqual([...sweep.selfHost].sort((a, b) => a - b));
  });

  it('keeps the cluster cost flat within a replica', () => {
    const report = reportFor();
    const replica = {
      spec: { gpus: report.selfHost.gpusPerReplica },
      hourlyUsd: report.selfHost.gpuHourlyUsd,
      capacity: report.selfHost.capacity,
    } as Parameters<typeof clusterCost>[1];
    const small = clusterCost(1e4, replica, report.workload).monthlyCost;
    const larger = clusterCost(2e4, replica, report.workload).monthlyCost;
    expect(small).toBe(larger);
  });
});

describe('bandRanges', () => {
  it('splits the chart range at an eighth, 1.5× and 15× the loaded crossover', () => {
    expect(bandRanges(1e6, 1e4, 1e8)).toEqual([
      { band: 'stay-on-api', from: 1e4, to: 125_000 },
      { band: 'optimize-cache', from: 125_000, to: 1.5e6 },
      { band: 'evaluate', from: 1.5e6, to: 1.5e7 },
      { band: 'self-host', from: 1.5e7, to: 1e8 },
    ]);
  });
});

describe('selfHostQuote', () => {
  it('prices every open model as a full report of that model does', () => {
    for (const model of OPEN_MODELS) {
      const workload = workloadSchema.parse({ openModel: model.id });
      let full: ReturnType<typeof buildReport>;
      try {
        full = buildReport(workload, TEST_DATE);
      } catch (error) {
        expect(() => selfHostQuote(workload, TEST_DATE)).toThrow(error as Error);
        continue;
      }
      expect(selfHostQuote(workload, TEST_DATE)).toEqual(full.selfHost);
    }
  });

  it('refuses a request longer than the context window, as buildReport does', () => {
    const long = workloadSchema.parse({ contextTokens: 150_000, openModel: 'llama-3.3-70b' });
    expect(() => selfHostQuote(long, TEST_DATE)).toThrow(/Llama 3.3 70B.*131K-token context/);
  });
});

import { describe, expect, it } from 'vitest';
import { cheaperStandIns } from '../../src/engine/alternatives.ts';
import { describeChanges, isMaterialChange, summarize } from '../../src/engine/report-summary.ts';
import { reportFor, TEST_DATE } from '../support/workloads.ts';

describe('summarize', () => {
  it('keeps the band, costs and crossovers of a report', () => {
    const report = reportFor();
    expect(summarize(report)).toMatchObject({
      band: report.band,
      apiMonthlyCost: report.api.monthlyCost,
      selfHostMonthlyCostLoaded: report.selfHost.monthlyCostLoaded,
      crossoverLoaded: report.crossover.requestsPerMonthLoaded,
      catalogAsOf: report.catalog.asOf,
    });
  });
});

describe('isMaterialChange', () => {
  const before = summarize(reportFor());

  it('is false for the same figures', () => {
    expect(isMaterialChange(before, { ...before })).toBe(false);
  });

  it('is true when the band changes', () => {
    expect(isMaterialChange(before, { ...before, band: 'self-host' })).toBe(
      before.band !== 'self-host',
    );
  });

  it('is true when the loaded crossover moves by more than a quarter, not less', () => {
    const crossover = before.crossoverLoaded as number;
    expect(isMaterialChange(before, { ...before, crossoverLoaded: crossover * 1.3 })).toBe(true);
    expect(isMaterialChange(before, { ...before, crossoverLoaded: crossover * 1.2 })).toBe(false);
    expect(isMaterialChange(before, { ...before, crossoverLoaded: crossover * 1.24 })).toBe(false);
    expect(isMaterialChange(before, { ...before, crossoverLoaded: crossover * 0.76 })).toBe(false);
  });

  it('is true when the lines start or stop crossing, false when they never did', () => {
    const never = { ...before, crossoverLoaded: null };
    expect(isMaterialChange(before, never)).toBe(true);
    expect(isMaterialChange(never, before)).toBe(true);
    expect(isMaterialChange(never, { ...never })).toBe(false);
  });
});

describe('describeChanges', () => {
  it('says nothing when nothing moved', () => {
    const summary = summarize(reportFor());
    expect(describeChanges(summary, summary)).toEqual([]);
  });

  it('says what moved, before and after', () => {
    const before = summarize(reportFor({ gpuHourlyUsd: 3 }));
    const after = summarize(reportFor({ gpuHourlyUsd: 2 }));
    const changes = describeChanges(before, after);
    expect(changes).toContain('GPU price per hour: $3 → $2');
    expect(changes.some((change) => change.startsWith('loaded crossover: '))).toBe(true);
  });
});

describe('cheaperStandIns', () => {
  it('lists only stand-ins for the same tier that cost less, cheapest first', () => {
    const report = reportFor();
    const alternatives = cheaperStandIns(report, TEST_DATE);
    const costs = alternatives.map((alternative) => alternative.monthlyCostLoaded);

    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const alternative of alternatives) {
      expect(alternative.model).not.toBe(report.selfHost.model);
      expect(alternative.monthlyCostLoaded).toBeLessThan(report.selfHost.monthlyCostLoaded);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { inputChanges, workloadAsText } from '../../src/blocks/workload-echo.ts';
import { referenceWorkload, workloadSchema } from '../../src/engine/workload.ts';
import { parseWorkloadText } from '../../src/input/workload-text.ts';
import { ANSWER_VARIANTS } from '../support/answer-reports.ts';

describe('workloadAsText', () => {
  it('names the reference profile when nothing differs', () => {
    expect(workloadAsText(referenceWorkload)).toBe('the reference profile');
  });

  it('writes what differs as the key=value text the command reads', () => {
    const workload = workloadSchema.parse({
      requestsPerMonth: 2e6,
      cacheHitRate: 0.65,
      ttftTargetMs: 300,
      compliance: true,
      gpu: 'h200',
    });

    expect(workloadAsText(workload)).toMatchInlineSnapshot(
      `"requests-per-month=2000000, cache-hit-rate=65%, gpu=h200, ttft-target-ms=300ms, compliance=yes"`,
    );
  });

  it.each(Object.entries(ANSWER_VARIANTS))(
    'types %s back into the same workload',
    (_name, input) => {
      const workload = workloadSchema.parse(input);

      const parsed = parseWorkloadText(
        workloadAsText(workload).replace('the reference profile', ''),
      );

      expect(parsed).toMatchObject({ ok: true, workload });
    },
  );
});

describe('inputChanges', () => {
  it('lists each input that moved, as people read figures', () => {
    const after = workloadSchema.parse({ outputTokens: 3_000, cacheHitRate: 0.5, gpu: 'h200' });

    expect(inputChanges(referenceWorkload, after)).toMatchInlineSnapshot(`
      [
        "output-tokens 2K → 3K",
        "cache-hit-rate 80% → 50%",
        "gpu engine's choice → h200",
      ]
    `);
  });

  it('lists nothing for the same workload', () => {
    expect(inputChanges(referenceWorkload, workloadSchema.parse({}))).toEqual([]);
  });
});

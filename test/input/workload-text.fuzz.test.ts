import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORKLOAD_FIELDS } from '../../src/input/workload-fields.ts';
import { parseWorkloadText } from '../../src/input/workload-text.ts';

const RUNS = 10_000;

const KEYS = WORKLOAD_FIELDS.map((field) => field.key).join('|');
/** A problem starts by naming the part, the key or the length it is about. */
const NAMES_WHAT_WAS_WRONG = new RegExp(
  `^(Could not read ".+"|Unknown key ".*"|(${KEYS})(: | is given twice)|The text is \\d+ characters)`,
  's',
);

const mrkdwnAndMentions = fc.constantFrom(
  '<!channel>',
  '<!here>',
  '@channel',
  '<@U123ABC>',
  '<https://evil.example|click>',
  '*bold*',
  '`code`',
  '&lt;',
);

const numberText = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.constantFrom('0', '-1', '1e400', '-0', 'NaN', 'Infinity', '1.5M', '99999999999999999999k'),
);

const part = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom(...WORKLOAD_FIELDS.map((field) => field.key)), numberText)
    .map(([key, value]) => `${key}=${value}`),
  fc
    .tuple(numberText, fc.constantFrom('output', 'system', 'cache', 'requests/day', 'steps'))
    .map(([value, word]) => `${value} ${word}`),
  mrkdwnAndMentions,
);

const workloadText = fc.oneof(
  fc.array(part, { maxLength: 12 }).map((parts) => parts.join(', ')),
  fc.string({ unit: 'binary', maxLength: 4_000 }),
  fc.string({ maxLength: 10 }).map((seed) => seed.repeat(400)),
);

describe('parseWorkloadText under generated input', () => {
  it('never throws, and every rejection names what was wrong', () => {
    fc.assert(
      fc.property(workloadText, (text) => {
        const result = parseWorkloadText(text);
        if (result.ok) {
          expect(Number.isFinite(result.workload.requestsPerMonth)).toBe(true);
          return;
        }
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) {
          expect(problem).toMatch(NAMES_WHAT_WAS_WRONG);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every in-range value of every numeric key and reads it back', () => {
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(share, fc.integer({ min: 1, max: 1_000_000 }), (rate, output) => {
        const result = parseWorkloadText(`cache-hit-rate=${rate}, output-tokens=${output}`);
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.workload.cacheHitRate).toBeCloseTo(rate, 12);
          expect(result.workload.outputTokens).toBe(output);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

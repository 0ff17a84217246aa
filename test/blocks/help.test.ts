import { describe, expect, it } from 'vitest';
import { buildHelp } from '../../src/blocks/help.ts';
import { COMMAND, EXAMPLE_WORKLOAD } from '../../src/blocks/texts.ts';
import { parseWorkloadText, WORKLOAD_TEXT_KEYS } from '../../src/input/workload-text.ts';
import { messageProblems } from '../support/block-limits.ts';

describe('buildHelp', () => {
  it('lists every key the parser reads, with its example', () => {
    const text = JSON.stringify(buildHelp(WORKLOAD_TEXT_KEYS).blocks);

    for (const { key } of WORKLOAD_TEXT_KEYS) expect(text).toContain(`\`${key}\``);
  });

  it('gives an example the parser reads', () => {
    const text = JSON.stringify(buildHelp(WORKLOAD_TEXT_KEYS).blocks);

    expect(text).toContain(`${COMMAND} ${EXAMPLE_WORKLOAD}`);
    expect(parseWorkloadText(EXAMPLE_WORKLOAD).ok).toBe(true);
  });

  it('splits a long key list into sections Slack accepts', () => {
    const many = Array.from({ length: 200 }, (_, index) => ({
      key: `key-${index}`,
      meaning: 'a meaning long enough to fill the section quickly, '.repeat(2),
      example: `key-${index}=1`,
    }));

    expect(messageProblems(buildHelp(many))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { nudgePollInterval } from '../../src/audits/reaudit-nudges.ts';
import { DEFAULT_POLL_INTERVAL_MS } from '../../src/nudges/index.ts';

describe('nudgePollInterval', () => {
  it('polls every tenth of REAUDIT_AFTER, between a quarter second and the default', () => {
    expect(nudgePollInterval(5_000)).toBe(500);
    expect(nudgePollInterval(1_000)).toBe(250);
    expect(nudgePollInterval(90 * 86_400_000)).toBe(DEFAULT_POLL_INTERVAL_MS);
  });
});

import { describe, expect, it } from 'vitest';
import { buildHome, HOME_THREADS } from '../../src/blocks/home.ts';
import { referenceWorkload } from '../../src/engine/workload.ts';
import { storedThread, summary } from '../store/builders.ts';
import { viewProblems } from '../support/block-limits.ts';
import { outline } from '../support/outline.ts';

const thread = storedThread;

describe('buildHome', () => {
  it('says how to start when the team has no answers yet', () => {
    const lines = outline(buildHome([]).blocks);

    expect(lines.slice(0, 6)).toMatchInlineSnapshot(`
      [
        "# Self-host check",
        "Should an agent workload stay on the Claude API or move to open-weight models on rented GPUs? *New check* opens the form and posts the answer in the channel you pick; \`/selfhost-check\` in a channel does the same there.",
        "  button "New check" → new_check",
        "---",
        "# Recent answers in this workspace",
        "No answers yet. Press *New check*, or type \`/selfhost-check\` in a channel.",
      ]
    `);
  });

  it("shows each thread's newest band and volume, and where its reminders stand", () => {
    const threads = [
      thread(
        {},
        {
          summary: summary({ band: 'self-host' }),
          workload: { ...referenceWorkload, requestsPerMonth: 9e6 },
        },
      ),
      thread({ remindersEnabled: false }),
      thread({ remindersEnabled: false, stoppedReason: 'stopped_by_user' }),
    ];

    const lines = outline(buildHome(threads).blocks).filter((line) => line.includes('<#C0001>'));

    expect(lines).toMatchInlineSnapshot(`
      [
        ":red_circle: *self-host* · 9M requests/mo · Claude Sonnet 4.6 vs Llama 4 Maverick (400B, 17B active)
      <#C0001> · asked by <@U0001> <!date^1767603600^{date_long}|2026-01-05> · next re-audit <!date^1775379600^{date_long}|2026-04-05>",
        ":large_orange_circle: *evaluate* · 1.5M requests/mo · Claude Sonnet 4.6 vs Llama 4 Maverick (400B, 17B active)
      <#C0001> · asked by <@U0001> <!date^1767603600^{date_long}|2026-01-05> · reminders off",
        ":large_orange_circle: *evaluate* · 1.5M requests/mo · Claude Sonnet 4.6 vs Llama 4 Maverick (400B, 17B active)
      <#C0001> · asked by <@U0001> <!date^1767603600^{date_long}|2026-01-05> · reminders stopped: someone in the thread stopped them",
      ]
    `);
  });

  it('keeps a full Home tab within Slack limits', () => {
    const long = 'x'.repeat(3_000);
    const threads = Array.from({ length: HOME_THREADS + 5 }, () =>
      thread({ stoppedReason: long, channelId: 'C0001' }, { summary: summary({ apiModel: long }) }),
    );

    const home = buildHome(threads);

    expect(viewProblems(home as unknown as Record<string, unknown>)).toEqual([]);
  });
});

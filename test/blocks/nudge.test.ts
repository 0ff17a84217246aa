import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.ts';
import { buildNudge, type NudgeView } from '../../src/blocks/nudge.ts';
import {
  NUDGE_EARLY_REASON,
  NUDGE_NOTHING_MOVED,
  NUDGE_TITLE_EARLY,
} from '../../src/blocks/texts.ts';
import { cheaperStandIns } from '../../src/engine/alternatives.ts';
import { describeChanges, summarize } from '../../src/engine/report-summary.ts';
import { answerReports } from '../support/answer-reports.ts';
import { messageProblems } from '../support/block-limits.ts';
import { reportFor, TEST_DATE } from '../support/workloads.ts';

const AUDIT_ID = 'aB3dE5gH7jK9mN1p';
const NEXT = new Date('2027-03-01T00:00:00Z');

function view(overrides: Partial<NudgeView> = {}): NudgeView {
  const report = reportFor();
  return {
    auditId: AUDIT_ID,
    report,
    changes: [],
    standIns: [],
    early: false,
    nextNudgeAt: NEXT,
    ...overrides,
  };
}

/** A report whose last audit was a self-host call under an older catalog and dearer GPUs. */
function changedView(): NudgeView {
  const report = reportFor();
  const before = {
    ...summarize(report),
    band: 'self-host' as const,
    catalogAsOf: '2026-01-01',
    gpuHourlyUsd: 3.99,
    crossoverLoaded: 600_000,
  };
  return view({
    report,
    changes: describeChanges(before, summarize(report)),
    standIns: cheaperStandIns(report, TEST_DATE),
    early: true,
  });
}

describe('buildNudge', () => {
  it('says what changed, the band now, cheaper stand-ins, the catalog and why it came early', () => {
    expect(buildNudge(changedView())).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "Re-audit: the catalog changed",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "*What changed since the last audit*
      • band: self-host → evaluate
      • catalog: 2026-01-01 → 2026-11-01
      • GPU price per hour: $3.99 → $4.59
      • loaded crossover: 600K requests a month → 589K requests a month",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*The band now*
      :large_orange_circle: *Evaluate self-hosting*
      API $71.8K/mo · self-host $28.2K/mo with operations · crossover 589K requests/mo",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*Open models that now cost less than Llama 4 Maverick (400B, 17B active)*
      • Llama 4 Scout (109B, 17B active) on 8 × NVIDIA L40S 48GB: $21.3K/mo with operations",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Re-run against the catalog as of 2026-11-01",
                "type": "mrkdwn",
              },
              {
                "text": "Sent ahead of schedule: a newer catalog moves the band or the crossover of this workload.",
                "type": "mrkdwn",
              },
              {
                "text": "Next re-audit <!date^1803859200^{date_long}|2027-03-01>.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "block_id": "nudge_actions",
            "elements": [
              {
                "action_id": "snooze_reminder",
                "text": {
                  "text": "Snooze 2 weeks",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "aB3dE5gH7jK9mN1p",
              },
              {
                "action_id": "edit_inputs",
                "text": {
                  "text": "Edit inputs",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "aB3dE5gH7jK9mN1p",
              },
              {
                "action_id": "stop_reminders",
                "confirm": {
                  "confirm": {
                    "text": "Stop them",
                    "type": "plain_text",
                  },
                  "deny": {
                    "text": "Keep them",
                    "type": "plain_text",
                  },
                  "text": {
                    "text": "No more re-audits will be posted in this thread.",
                    "type": "plain_text",
                  },
                  "title": {
                    "text": "Stop reminders?",
                    "type": "plain_text",
                  },
                },
                "style": "danger",
                "text": {
                  "text": "Stop reminders",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "aB3dE5gH7jK9mN1p",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "Re-audit: Evaluate self-hosting; 4 changes since the last audit.",
      }
    `);
  });

  it('says nothing moved when the re-run matches the last audit', () => {
    const shown = JSON.stringify(buildNudge(view()).blocks);

    expect(shown).toContain(NUDGE_NOTHING_MOVED);
    expect(shown).not.toContain(NUDGE_EARLY_REASON);
    expect(shown).not.toContain(NUDGE_TITLE_EARLY);
  });

  it('puts the audit id on all three buttons', () => {
    const actions = buildNudge(view()).blocks.find((block) => block.type === 'actions');
    const elements = actions?.type === 'actions' ? actions.elements : [];

    expect(
      elements.map((element) => [element.action_id, 'value' in element && element.value]),
    ).toEqual([
      [ACTION_IDS.snooze, AUDIT_ID],
      [ACTION_IDS.editInputs, AUDIT_ID],
      [ACTION_IDS.stopReminders, AUDIT_ID],
    ]);
  });

  it.each(answerReports())('keeps the nudge for %s within Block Kit limits', (_name, report) => {
    const many = Array.from({ length: 40 }, (_, index) => `change ${index} `.repeat(50));
    const standIns = cheaperStandIns(report, TEST_DATE);

    expect(messageProblems(buildNudge(view({ report, standIns, changes: many })))).toEqual([]);
    expect(messageProblems(buildNudge(changedView()))).toEqual([]);
  });
});

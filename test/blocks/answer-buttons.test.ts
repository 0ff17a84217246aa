import { describe, expect, it } from 'vitest';
import {
  answerActionsBlockId,
  auditIdOfBlock,
  buildAnswerThread,
} from '../../src/blocks/answer-thread.ts';
import { answerReports } from '../support/answer-reports.ts';
import { messageProblems } from '../support/block-limits.ts';
import { outline } from '../support/outline.ts';
import { reportFor } from '../support/workloads.ts';

const REAUDIT = new Date('2027-03-01T00:00:00Z');
const AUDIT_ID = 'Zx8_k2-Qm4Lp9wRt';

describe('buildAnswerThread with an audit', () => {
  it('ends with the buttons, which carry the audit id and leave out the models compared', () => {
    const thread = buildAnswerThread(reportFor(), { reauditDue: REAUDIT, auditId: AUDIT_ID });
    const lines = outline(thread.blocks);

    expect(lines.slice(-4, -2)).toMatchInlineSnapshot(`
      [
        "actions [answer:Zx8_k2-Qm4Lp9wRt]",
        "  button "Edit inputs" → edit_inputs=Zx8_k2-Qm4Lp9wRt",
      ]
    `);
    expect(lines.at(-2)).not.toContain('claude-sonnet-4-6');
    expect(lines.at(-2)).not.toContain('open:llama-4-maverick');
  });

  it('says what changed, right under the band', () => {
    const thread = buildAnswerThread(reportFor(), {
      reauditDue: REAUDIT,
      auditId: AUDIT_ID,
      changes: { inputs: ['output-tokens 2K → 3K'], results: [] },
    });

    expect(outline(thread.blocks).slice(0, 3)).toMatchInlineSnapshot(`
      [
        "# Evaluate self-hosting",
        "Self-hosting would save real money, but not so much that cost alone decides. Cache hit rate, the latency tail, quality on your own tasks and who runs the cluster decide: run a trial before moving.",
        "*What changed since the previous answer here*
      Inputs: output-tokens 2K → 3K
      Results: no figure moved",
      ]
    `);
  });

  it.each(answerReports())(
    'keeps the answer to %s with buttons and changes within limits',
    (_name, report) => {
      const changes = { inputs: Array(30).fill('x'.repeat(200)), results: Array(9).fill('<y>') };

      const thread = buildAnswerThread(report, { reauditDue: REAUDIT, auditId: AUDIT_ID, changes });

      expect(messageProblems(thread)).toEqual([]);
    },
  );
});

describe('auditIdOfBlock', () => {
  it("reads back the audit id of an answer's button block, and nothing from other blocks", () => {
    expect(auditIdOfBlock(answerActionsBlockId(AUDIT_ID))).toBe(AUDIT_ID);
    expect(auditIdOfBlock('answer:')).toBeUndefined();
    expect(auditIdOfBlock('requests-per-month')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { buildAnswerParent } from '../../src/blocks/answer-parent.ts';
import { buildAnswerThread } from '../../src/blocks/answer-thread.ts';
import {
  buildInternalFailure,
  buildNotInChannel,
  buildParseError,
  buildSlackFailure,
  buildWorkloadProblem,
} from '../../src/blocks/errors.ts';
import { buildHelp } from '../../src/blocks/help.ts';
import { ANSWER_STEPS, type AnswerStep } from '../../src/blocks/texts.ts';
import { WORKLOAD_TEXT_KEYS } from '../../src/input/workload-text.ts';
import { answerReports } from '../support/answer-reports.ts';
import { blockKitProblems, messageProblems } from '../support/block-limits.ts';

const REAUDIT = { reauditDue: new Date('2027-03-01T00:00:00Z') };
const LONG_TEXT = `${'1.5M requests/month, '.repeat(300)}<!channel>`;

describe('every block builder', () => {
  it.each(answerReports())('keeps the answer to %s within Block Kit limits', (_name, report) => {
    expect(
      messageProblems(buildAnswerParent(report, { userId: 'U0001', text: LONG_TEXT })),
    ).toEqual([]);
    expect(messageProblems(buildAnswerThread(report, REAUDIT))).toEqual([]);
  });

  it('keeps a report with extreme reasons within limits', () => {
    const [, report] = answerReports()[0] ?? [];
    if (report === undefined) throw new Error('no report');
    const wordy = { ...report, reasons: Array.from({ length: 80 }, () => 'a reason '.repeat(60)) };

    expect(messageProblems(buildAnswerThread(wordy, REAUDIT))).toEqual([]);
  });

  it('keeps help and every error reply within limits', () => {
    const problems = Array.from({ length: 60 }, (_, index) => `problem ${index} `.repeat(40));
    const steps = Object.keys(ANSWER_STEPS) as AnswerStep[];

    for (const reply of [
      buildHelp(WORKLOAD_TEXT_KEYS),
      buildParseError(problems, LONG_TEXT),
      buildWorkloadProblem(problems.join(' '), LONG_TEXT),
      buildNotInChannel(),
      buildInternalFailure(),
      ...steps.map((step) => buildSlackFailure(step, 'x'.repeat(5_000))),
    ]) {
      expect(messageProblems(reply)).toEqual([]);
    }
  });
});

describe('blockKitProblems', () => {
  it('finds every kind of breach it checks', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3_001) }, block_id: 'a' },
      {
        type: 'section',
        fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })),
      },
      { type: 'section', block_id: 'a' },
      { type: 'image', image_url: 'https://example.com/x.png', alt_text: '' },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'ok' },
            value: 'v'.repeat(2_001),
            action_id: 'i'.repeat(256),
          },
        ],
      },
      ...Array.from({ length: 45 }, () => ({ type: 'divider' })),
    ];

    expect(blockKitProblems(blocks)).toEqual([
      'blocks: 51 items, limit 50',
      'blocks[0].text: 151 characters, limit 150',
      'blocks[1].text: 3001 characters, limit 3000',
      'blocks[2].fields: 11 items, limit 10',
      'blocks[3]: a section needs text or fields',
      'blocks[4].alt_text: missing',
      'blocks[5].elements[0].action_id: 256 characters, limit 255',
      'blocks[5].elements[0].value: 2001 characters, limit 2000',
      'block_id repeated: a',
    ]);
  });

  it('allows a modal twice as many blocks as a message', () => {
    const blocks = Array.from({ length: 80 }, () => ({ type: 'divider' }));

    expect(blockKitProblems(blocks, 'modal')).toEqual([]);
    expect(blockKitProblems(blocks, 'message')).toEqual(['blocks: 80 items, limit 50']);
  });
});

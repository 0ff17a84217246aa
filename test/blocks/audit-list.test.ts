import { describe, expect, it } from 'vitest';
import { buildAuditList, buildAuditListFailure } from '../../src/blocks/audit-list.ts';
import { AUDIT_LIST_EMPTY, STOP_REASONS, stopReasonText } from '../../src/blocks/texts.ts';
import { storedThread, summary } from '../store/builders.ts';
import { messageProblems } from '../support/block-limits.ts';

const thread = storedThread;

describe('buildAuditList', () => {
  it('shows each audit band, next re-audit, retries and why reminders stopped', () => {
    const threads = [
      thread({}, { summary: summary({ band: 'self-host' }) }),
      thread({ nudgeAttempts: 2, lastError: 'http_500' }),
      thread({ remindersEnabled: false, stoppedReason: 'is_archived', nextNudgeAt: null }),
      thread({ userId: 'U0002', remindersEnabled: false }),
    ];

    expect(buildAuditList(threads, 25)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "Audits in this channel",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": ":red_circle: *self-host* · claude-sonnet-4-6 vs llama-4-maverick, 1.5M requests/mo · <@U0001> <!date^1767603600^{date_long}|2026-01-05>
          next re-audit <!date^1775379600^{date_long}|2026-04-05>
      :large_orange_circle: *evaluate* · claude-sonnet-4-6 vs llama-4-maverick, 1.5M requests/mo · <@U0001> <!date^1767603600^{date_long}|2026-01-05>
          next re-audit <!date^1775379600^{date_long}|2026-04-05>, retrying the last re-audit (Slack said \`http_500\`)
      :large_orange_circle: *evaluate* · claude-sonnet-4-6 vs llama-4-maverick, 1.5M requests/mo · <@U0001> <!date^1767603600^{date_long}|2026-01-05>
          reminders stopped: the channel was archived
      :large_orange_circle: *evaluate* · claude-sonnet-4-6 vs llama-4-maverick, 1.5M requests/mo · <@U0002> <!date^1767603600^{date_long}|2026-01-05>
          reminders off",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "text": "Audits in this channel: 4",
      }
    `);
  });

  it('says how to start one when the channel has none', () => {
    const reply = buildAuditList([], 25);

    expect(reply.text).toBe(AUDIT_LIST_EMPTY);
    expect(messageProblems(reply)).toEqual([]);
  });

  it('says only the newest are shown when the list is full', () => {
    const threads = Array.from({ length: 3 }, () => thread({}));

    expect(JSON.stringify(buildAuditList(threads, 3))).toContain('The 3 most recent are shown.');
  });

  it('stays within Block Kit limits with a full list of long model names', () => {
    const long = summary({ apiModel: 'm'.repeat(300), openModel: '<!channel>'.repeat(30) });
    const threads = Array.from({ length: 200 }, () => thread({ summary: long }, {}));

    expect(messageProblems(buildAuditList(threads, 200))).toEqual([]);
    expect(messageProblems(buildAuditListFailure())).toEqual([]);
    expect(JSON.stringify(buildAuditList(threads, 200))).not.toContain('<!channel>');
  });
});

describe('stopReasonText', () => {
  it('says every known reason in words and names an unknown Slack code', () => {
    for (const [code, words] of Object.entries(STOP_REASONS)) {
      expect(stopReasonText(code)).toBe(words);
    }

    expect(stopReasonText('answer_not_posted:not_in_channel')).toContain('`not_in_channel`');
    expect(stopReasonText('fatal_error')).toContain('`fatal_error`');
  });
});

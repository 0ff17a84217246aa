import { describe, expect, it } from 'vitest';
import { buildAnswerParent } from '../../src/blocks/answer-parent.ts';
import { reportFor } from '../support/workloads.ts';

const ASKER = {
  userId: 'U0001',
  text: '1.5M requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, 80% cache',
};

describe('buildAnswerParent', () => {
  it('says the band and both monthly costs in one short message', () => {
    expect(buildAnswerParent(reportFor(), ASKER)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":large_orange_circle: *Evaluate self-hosting*: API $71.8K/mo against self-host $28.2K/mo with operations, at 1.5M requests/mo.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Asked by <@U0001>: 1.5M requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, 80% cache",
                "type": "mrkdwn",
              },
              {
                "text": "Figures and the crossover chart are in the thread.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Evaluate self-hosting: API $71.8K/mo, self-host $28.2K/mo with operations.",
      }
    `);
  });

  it('escapes what the user typed so it cannot mention @channel or forge a link', () => {
    const asker = { userId: 'U0001', text: '<!channel> <https://evil.example|docs> & co' };

    const shown = JSON.stringify(buildAnswerParent(reportFor(), asker).blocks);

    expect(shown).toContain('&lt;!channel&gt; &lt;https://evil.example|docs&gt; &amp; co');
    expect(shown).not.toContain('<!channel>');
  });

  it('mentions only a well-formed user id', () => {
    const shown = JSON.stringify(buildAnswerParent(reportFor(), { userId: '!here', text: 'x' }));

    expect(shown).toContain('Asked by someone');
    expect(shown).not.toContain('<@!here>');
  });

  it('cuts a very long echo short', () => {
    const message = buildAnswerParent(reportFor(), { userId: 'U0001', text: 'x'.repeat(5_000) });

    expect(JSON.stringify(message).length).toBeLessThan(2_000);
  });
});

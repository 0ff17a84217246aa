import { describe, expect, it } from 'vitest';
import {
  buildInternalFailure,
  buildNotInChannel,
  buildParseError,
  buildSlackFailure,
} from '../../src/blocks/errors.ts';
import { NOT_IN_CHANNEL } from '../../src/blocks/texts.ts';
import { parseWorkloadText } from '../../src/input/workload-text.ts';

describe('buildParseError', () => {
  it('names each part the parser could not read and echoes the text escaped', () => {
    const text = '1.5M requests/month, lots of <b>tokens</b>';
    const parsed = parseWorkloadText(text);
    if (parsed.ok) throw new Error('the parser read it');

    expect(buildParseError(parsed.problems, text)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":warning: I could not read part of that workload:
      • Could not read "lots of &lt;b&gt;tokens&lt;/b&gt;": write it as key=value (e.g. output-tokens=2k) or a phrase like "2k output".
      You wrote: 1.5M requests/month, lots of &lt;b&gt;tokens&lt;/b&gt;
      Type \`/selfhost-check help\` for every key and an example.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "text": "I could not read part of that workload: Could not read "lots of &lt;b&gt;tokens&lt;/b&gt;": write it as key=value (e.g. output-tokens=2k) or a phrase like "2k output".",
      }
    `);
  });
});

describe('buildNotInChannel', () => {
  it('says how to invite the bot', () => {
    expect(buildNotInChannel().text).toBe(NOT_IN_CHANNEL);
    expect(NOT_IN_CHANNEL).toContain('/invite @selfhost-check');
  });
});

describe('buildSlackFailure', () => {
  it('names the step and Slack error code', () => {
    expect(buildSlackFailure('chart', 'file_upload_failed').text).toBe(
      'Something went wrong while uploading the chart: Slack said `file_upload_failed`.',
    );
  });
});

describe('buildInternalFailure', () => {
  it('says nothing was posted', () => {
    expect(buildInternalFailure().text).toContain('Nothing was posted');
  });
});

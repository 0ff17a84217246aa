import { describe, expect, it } from 'vitest';
import {
  clampText,
  escapeMrkdwn,
  formatMonthlyUsd,
  formatVolume,
  slackDate,
} from '../../src/blocks/format.ts';

describe('formatMonthlyUsd', () => {
  it('writes dollars a month compactly', () => {
    expect(formatMonthlyUsd(61_425)).toBe('$61.4K/mo');
    expect(formatMonthlyUsd(1_250_000)).toBe('$1.25M/mo');
  });
});

describe('formatVolume', () => {
  it('writes requests a month compactly', () => {
    expect(formatVolume(1_500_000)).toBe('1.5M requests/mo');
    expect(formatVolume(420_000)).toBe('420K requests/mo');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes the three characters Slack reserves, ampersand first', () => {
    expect(escapeMrkdwn('<!here> & <@U1>')).toBe('&lt;!here&gt; &amp; &lt;@U1&gt;');
  });
});

describe('clampText', () => {
  it('cuts to the limit with an ellipsis', () => {
    expect(clampText('abcdef', 4)).toBe('abc…');
    expect(clampText('abc', 4)).toBe('abc');
  });
});

describe('slackDate', () => {
  it('lets Slack render the date in the reader time zone, with an ISO fallback', () => {
    expect(slackDate(new Date('2027-03-01T09:00:00Z'))).toBe(
      '<!date^1803891600^{date_long}|2027-03-01>',
    );
  });
});

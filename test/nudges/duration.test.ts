import { describe, expect, it } from 'vitest';
import { DurationError, parseDuration, reauditAfterFromEnv } from '../../src/nudges/index.ts';

describe('parseDuration', () => {
  it.each([
    ['90d', 90 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['30m', 30 * 60_000],
    ['5s', 5_000],
    [' 7d ', 7 * 86_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '90', 'd', '1.5h', '-5s', '5 s', '5S', '10w', 'ninety days'])(
    'refuses %j, naming the value',
    (text) => {
      const parse = () => parseDuration(text, 'REAUDIT_AFTER');

      expect(parse).toThrow(DurationError);
      expect(parse).toThrow(`REAUDIT_AFTER must be a whole number followed by s, m, h or d`);
      expect(parse).toThrow(`got ${JSON.stringify(text)}`);
    },
  );

  it('refuses zero', () => {
    expect(() => parseDuration('0s', 'REAUDIT_AFTER')).toThrow(
      'REAUDIT_AFTER must be longer than zero; got "0s"',
    );
  });

  it('refuses more than ten years', () => {
    expect(() => parseDuration('3651d')).toThrow('must be at most 3650d');
  });
});

describe('reauditAfterFromEnv', () => {
  it('defaults to 90 days', () => {
    expect(reauditAfterFromEnv({})).toBe(90 * 86_400_000);
  });

  it('reads REAUDIT_AFTER', () => {
    expect(reauditAfterFromEnv({ REAUDIT_AFTER: '5s' })).toBe(5_000);
  });

  it('names REAUDIT_AFTER when it is wrong', () => {
    expect(() => reauditAfterFromEnv({ REAUDIT_AFTER: 'soon' })).toThrow(/^REAUDIT_AFTER/);
  });
});

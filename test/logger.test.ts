import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redact, toBoltLogger } from '../src/logger.ts';
import { captureLogs } from './support/captured-logs.ts';

const FIXED = new Date('2026-12-01T09:00:00Z');

describe('createLogger', () => {
  it('writes one JSON object a line with time, level, message and fields', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      now: () => FIXED,
      write: (line) => lines.push(line),
    });

    logger.info('answer delivered', { channel: 'C0001' });

    expect(lines).toEqual([
      '{"time":"2026-12-01T09:00:00.000Z","level":"info","msg":"answer delivered","channel":"C0001"}',
    ]);
  });

  it('drops lines below its level', () => {
    const logs = captureLogs('warn');

    logs.logger.info('started');
    logs.logger.warn('dropped');

    expect(logs.records().map((record) => record.msg)).toEqual(['dropped']);
  });

  it('blanks tokens and the signing secret wherever they appear', () => {
    const logs = captureLogs('debug', ['s3cr3t-signing']);

    logs.logger.debug('request', {
      headers: { authorization: 'Bearer xoxb-1234-5678-abcdef' },
      body: 'token=xoxp-9-9-zz&app=xapp-1-A1-qq&secret=s3cr3t-signing',
    });

    const line = logs.lines[0] ?? '';
    expect(line).not.toMatch(/xox[bp]-\d|xapp-1|s3cr3t/);
    expect(line.split(REDACTED)).toHaveLength(5);
  });

  it('writes an error as its name, message and Slack error code', () => {
    const logs = captureLogs();
    const error = Object.assign(new Error('An API error occurred: not_in_channel'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'not_in_channel' },
    });

    logs.logger.error('answer delivery failed', { error });

    expect(logs.records()[0]?.error).toEqual({
      name: 'Error',
      message: 'An API error occurred: not_in_channel',
      code: 'slack_webapi_platform_error',
      slackError: 'not_in_channel',
    });
  });
});

describe('redact', () => {
  it('leaves text without secrets as it is', () => {
    expect(redact('posted to C0001 in thread 1.2')).toBe('posted to C0001 in thread 1.2');
  });
});

describe('toBoltLogger', () => {
  it('routes Bolt lines through the same JSON logger', () => {
    const logs = captureLogs();
    const bolt = toBoltLogger(logs.logger, 'debug');

    bolt.setName('web-api');
    bolt.warn('http request failed', 'fetch failed');

    expect(logs.records()[0]).toMatchObject({
      level: 'warn',
      msg: 'http request failed fetch failed',
      source: 'web-api',
    });
  });
});

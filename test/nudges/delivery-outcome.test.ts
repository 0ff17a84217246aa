import { describe, expect, it } from 'vitest';
import { failedDelivery } from '../../src/nudges/index.ts';

describe('failedDelivery', () => {
  it.each(['channel_not_found', 'is_archived', 'not_in_channel', 'token_revoked', 'invalid_auth'])(
    'treats %s as permanent',
    (code) => {
      expect(failedDelivery(code)).toEqual({ ok: false, permanent: true, code });
    },
  );

  it.each(['ratelimited', 'internal_error', 'fatal_error', 'request_timeout'])(
    'retries %s',
    (code) => {
      expect(failedDelivery(code)).toEqual({ ok: false, permanent: false, code });
    },
  );
});

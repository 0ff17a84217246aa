/**
 * What delivering one nudge came to: a permanent failure stops the audit's nudges for good; a
 * failure that says when to try again (Slack's Retry-After) is retried then, not backed off.
 */
export type DeliveryOutcome =
  | { ok: true }
  | { ok: false; permanent: boolean; code: string; retryAfterMs?: number };

export const DELIVERED: DeliveryOutcome = { ok: true };

/**
 * Slack Web API errors that no retry will cure: the channel or the bot's access to it is gone,
 * or the workspace's token is. Every other error is retried with backoff.
 */
export const PERMANENT_SLACK_ERRORS: readonly string[] = [
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'team_access_revoked',
  'team_not_found',
  'missing_scope',
  'restricted_action',
  'ekm_access_denied',
  // Not Slack's: the workspace has no installation of the app (OAuth mode) to post with.
  'app_uninstalled',
];

/** Slack refused the post for now (HTTP 429): try again once its Retry-After has passed. */
export const RATE_LIMITED = 'ratelimited';

export function rateLimitedDelivery(retryAfterMs: number): DeliveryOutcome {
  return { ok: false, permanent: false, code: RATE_LIMITED, retryAfterMs };
}

/** The outcome of a delivery that failed with Slack error `code`. */
export function failedDelivery(code: string): DeliveryOutcome {
  return { ok: false, permanent: PERMANENT_SLACK_ERRORS.includes(code), code };
}

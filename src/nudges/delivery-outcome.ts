/** What delivering one nudge came to: a permanent failure stops the audit's nudges for good. */
export type DeliveryOutcome = { ok: true } | { ok: false; permanent: boolean; code: string };

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

/** The outcome of a delivery that failed with Slack error `code`. */
export function failedDelivery(code: string): DeliveryOutcome {
  return { ok: false, permanent: PERMANENT_SLACK_ERRORS.includes(code), code };
}

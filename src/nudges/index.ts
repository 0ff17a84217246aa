export {
  DELIVERED,
  type DeliveryOutcome,
  failedDelivery,
  PERMANENT_SLACK_ERRORS,
  RATE_LIMITED,
  rateLimitedDelivery,
} from './delivery-outcome.ts';
export {
  type BackoffPolicy,
  backoffDelay,
  createNudgeDispatcher,
  DEFAULT_BACKOFF,
  DEFAULT_POLL_INTERVAL_MS,
  type DeliverNudge,
  type NudgeContext,
  type NudgeDispatcher,
  type NudgeDispatcherOptions,
  newDispatcherOwner,
  type TickResult,
} from './dispatcher.ts';
export {
  DEFAULT_REAUDIT_AFTER,
  DurationError,
  parseDuration,
  reauditAfterFromEnv,
} from './duration.ts';
export {
  type EarlyNudgeOptions,
  type EarlyNudgeResult,
  markEarlyNudges,
} from './early-nudges.ts';

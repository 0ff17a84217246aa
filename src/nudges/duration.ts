/** How long after an audit its re-audit is due when REAUDIT_AFTER is not set. */
export const DEFAULT_REAUDIT_AFTER = '90d';

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: DAY_MS };

/** Ten years: longer is a typo, and it keeps every due date a valid Date. */
const MAX_DURATION_MS = 3_650 * DAY_MS;
const SHOWN_CHARS = 40;

/** A duration setting is not a whole number followed by s, m, h or d. */
export class DurationError extends Error {
  readonly code = 'duration_invalid';
  readonly variable: string;
  readonly value: string;

  constructor(variable: string, value: string, problem: string) {
    const shown = JSON.stringify(value.slice(0, SHOWN_CHARS));
    super(`${variable} ${problem}; got ${shown}`);
    this.name = 'DurationError';
    this.variable = variable;
    this.value = value;
  }
}

/** Milliseconds in a duration like `90d`, `12h`, `30m` or `5s`; `variable` names it in errors. */
export function parseDuration(value: string, variable = 'duration'): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  const amount = match?.[1];
  const unit = match?.[2];

  if (amount === undefined || unit === undefined) {
    throw new DurationError(
      variable,
      value,
      'must be a whole number followed by s, m, h or d, like 90d, 12h, 30m or 5s',
    );
  }

  const ms = Number(amount) * (UNIT_MS[unit] ?? Number.NaN);

  if (!(ms > 0)) {
    throw new DurationError(variable, value, 'must be longer than zero');
  }

  if (ms > MAX_DURATION_MS) {
    throw new DurationError(variable, value, 'must be at most 3650d');
  }

  return ms;
}

/** REAUDIT_AFTER from the environment, in milliseconds (default 90 days). */
export function reauditAfterFromEnv(env: NodeJS.ProcessEnv): number {
  const value = env.REAUDIT_AFTER?.trim() || DEFAULT_REAUDIT_AFTER;
  return parseDuration(value, 'REAUDIT_AFTER');
}

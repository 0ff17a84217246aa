/** Prices and GPU rates move within a quarter, so every audit names a date to look again. */
export const REAUDIT_AFTER_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When an audit made at `now` is due for its quarterly re-audit. */
export function reauditDueDate(now: Date): Date {
  return new Date(now.getTime() + REAUDIT_AFTER_DAYS * DAY_MS);
}

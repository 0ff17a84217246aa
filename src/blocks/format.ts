import { formatCount, formatUsd } from '../engine/format.ts';

/** Figures and user text as Slack shows them: $61.4K/mo, 1.5M requests/mo, escaped mrkdwn. */

export { formatCount, formatMs, formatPercent, formatUsd } from '../engine/format.ts';

/** $61.4K/mo */
export function formatMonthlyUsd(value: number): string {
  return `${formatUsd(value)}/mo`;
}

/** 1.5M requests/mo */
export function formatVolume(requestsPerMonth: number): string {
  return `${formatCount(requestsPerMonth)} requests/mo`;
}

/**
 * Text a user typed, made inert for mrkdwn: Slack reads `<…>` as links and mentions (@channel
 * included), so the three characters it reserves are escaped as it documents.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text cut to at most `max` characters, an ellipsis marking the cut. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** A date Slack renders in each reader's own time zone, with an ISO fallback for old clients. */
export function slackDate(date: Date): string {
  const epochSeconds = Math.floor(date.getTime() / 1000);
  const fallback = date.toISOString().slice(0, 10);
  return `<!date^${epochSeconds}^{date_long}|${fallback}>`;
}

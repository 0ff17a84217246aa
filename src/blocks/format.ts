/** Figures and user text as Slack shows them: $61.4K/mo, 1.5M requests/mo, escaped mrkdwn. */

function trim(value: number): string {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(digits)).toString();
}

/** 1,500,000 → 1.5M; 420,000 → 420K; 12 → 12. */
export function formatCount(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${trim(value / 1e9)}B`;
  if (magnitude >= 1e6) return `${trim(value / 1e6)}M`;
  if (magnitude >= 1e3) return `${trim(value / 1e3)}K`;
  return trim(value);
}

/** Dollars: $61.4K, $3.99, and three significant digits below a dollar ($0.041). */
export function formatUsd(value: number): string {
  if (value !== 0 && Math.abs(value) < 1) return `$${Number(value.toPrecision(3))}`;
  return `$${formatCount(value)}`;
}

/** $61.4K/mo */
export function formatMonthlyUsd(value: number): string {
  return `${formatUsd(value)}/mo`;
}

/** 1.5M requests/mo */
export function formatVolume(requestsPerMonth: number): string {
  return `${formatCount(requestsPerMonth)} requests/mo`;
}

/** 0.8 → 80%; 0.045 → 4.5% */
export function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(share < 0.1 ? 1 : 0))}%`;
}

/** 480 ms, 5.2 s */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${trim(ms / 1000)} s` : `${Math.round(ms)} ms`;
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

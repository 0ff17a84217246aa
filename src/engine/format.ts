/** Compact figures for people: $61.4K, 1.5M, 153K tokens, 80%. */

function compact(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${trim(value / 1e9)}B`;
  if (magnitude >= 1e6) return `${trim(value / 1e6)}M`;
  if (magnitude >= 1e3) return `${trim(value / 1e3)}K`;
  return trim(value);
}

function trim(value: number): string {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(digits)).toString();
}

/** Dollars: $61.4K a month, $0.0479 a request (four significant digits below a dollar). */
export function formatUsd(value: number): string {
  if (Math.abs(value) < 1 && value !== 0) return `$${Number(value.toPrecision(3))}`;
  return `$${compact(value)}`;
}

/** A count: 1.5M requests, 430K tokens. */
export function formatCount(value: number): string {
  return compact(value);
}

/** A share: 0.8 → 80%. */
export function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(share < 0.1 ? 1 : 0))}%`;
}

/** A ratio: 2.1×. */
export function formatTimes(ratio: number): string {
  return `${trim(ratio)}×`;
}

/** Milliseconds: 480 ms, 5.2 s. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${trim(ms / 1000)} s` : `${Math.round(ms)} ms`;
}

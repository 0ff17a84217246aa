import { API_LATENCY, CLAUDE_PRICES_AS_OF, RATE_LIMIT_TIERS } from './claude.ts';
import { GPUS } from './gpus.ts';
import { OPEN_MODELS } from './open-models.ts';

/**
 * The catalog's date: the newest "as of" among its entries. The app prints it beside every
 * result, and a re-audit compares it with the date an audit was made against.
 */
export function catalogAsOf(): string {
  const dates = [
    CLAUDE_PRICES_AS_OF,
    ...RATE_LIMIT_TIERS.map((tier) => tier.asOf),
    ...API_LATENCY.map((entry) => entry.asOf),
    ...GPUS.flatMap((gpu) => [gpu.asOf, ...gpu.prices.map((price) => price.asOf)]),
    ...OPEN_MODELS.map((model) => model.asOf),
  ];
  return dates.sort().at(-1) ?? '';
}

export { CLAUDE_MODELS, findClaudeModel } from './claude.ts';
export { findGpu, GPUS } from './gpus.ts';
export { findOpenModel, OPEN_MODELS } from './open-models.ts';

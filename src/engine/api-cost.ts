import { type ClaudePriceList, claudePriceList, pricesFor } from './catalog/claude.ts';
import type { ClaudeModel, ClaudePrices } from './catalog/types.ts';
import type { RequestCost, RequestTokens } from './report-types.ts';
import { prefixTokens, variableTokens, type Workload } from './workload.ts';

const PER_MILLION = 1e6;

/** The Batch API halves input and output prices, cache multipliers included. */
const BATCH_DISCOUNT = 0.5;

export interface StepTokens extends RequestTokens {
  step: number;
}

/**
 * The tokens of each request of one agent task, as Claude bills them.
 *
 * Step 1 sends the stable prefix (system prompt and tools) and the variable part. The prefix is
 * read from cache on a hit (the workload's hit rate) and written on a miss. Each later step
 * re-sends the whole transcript so far plus the previous step's output and a tool result; the
 * transcript was written to cache by the step before (steps run seconds apart, well inside a
 * cache lifetime), so it is read, and the new tokens are written for the next step. The last
 * step writes nothing: no step comes after it. A prefix shorter than the model's minimum is
 * never cached, so everything is plain input.
 */
export function agentStepTokens(workload: Workload, claude: ClaudeModel): StepTokens[] {
  const prefix = prefixTokens(workload);
  const variable = variableTokens(workload);
  const steps = workload.agentSteps;
  const growth = workload.outputTokens + workload.toolResultTokens;
  const cacheable = prefix >= claude.minCacheablePrefix;

  const result: StepTokens[] = [];
  for (let step = 1; step <= steps; step += 1) {
    const isLast = step === steps;
    const totalInput = prefix + variable + (step - 1) * growth;
    const fresh = step === 1 ? variable : growth;

    let cacheRead = 0;
    let cacheWrite = 0;
    let uncachedInput = totalInput;
    if (cacheable) {
      const carried = totalInput - fresh;
      cacheRead = step === 1 ? workload.cacheHitRate * prefix : carried;
      const prefixMiss = step === 1 ? (1 - workload.cacheHitRate) * prefix : 0;
      const freshWritten = isLast ? 0 : fresh;
      cacheWrite = prefixMiss + freshWritten;
      uncachedInput = isLast ? fresh : 0;
    }

    result.push({
      step,
      uncachedInput,
      cacheRead,
      cacheWrite,
      output: workload.outputTokens,
      totalInput,
    });
  }
  return result;
}

/** Tokens summed over the steps of one task. */
export function sumTokens(steps: readonly RequestTokens[]): RequestTokens {
  const total: RequestTokens = {
    uncachedInput: 0,
    cacheRead: 0,
    cacheWrite: 0,
    output: 0,
    totalInput: 0,
  };
  for (const step of steps) {
    total.uncachedInput += step.uncachedInput;
    total.cacheRead += step.cacheRead;
    total.cacheWrite += step.cacheWrite;
    total.output += step.output;
    total.totalInput += step.totalInput;
  }
  return total;
}

/** Tokens divided by a count: a task's tokens over its steps gives the mean request. */
export function scaleTokens(tokens: RequestTokens, factor: number): RequestTokens {
  return {
    uncachedInput: tokens.uncachedInput * factor,
    cacheRead: tokens.cacheRead * factor,
    cacheWrite: tokens.cacheWrite * factor,
    output: tokens.output * factor,
    totalInput: tokens.totalInput * factor,
  };
}

/**
 * Dollars for one request's tokens at the given prices: uncached input at the input price,
 * reads at the cache-read price, writes at the write price for the cache lifetime (1.25× input
 * for 5 minutes, 2× for an hour), output at the output price. The share of requests sent through
 * the Batch API pays half of all of it.
 */
export function requestCost(
  tokens: RequestTokens,
  prices: ClaudePrices,
  workload: Pick<Workload, 'cacheTtl' | 'batchShare'>,
): RequestCost {
  const writePrice = workload.cacheTtl === '1h' ? prices.cacheWrite1h : prices.cacheWrite5m;
  const discount = 1 - workload.batchShare * BATCH_DISCOUNT;
  const dollars = (count: number, price: number) => ((count * price) / PER_MILLION) * discount;

  const cost = {
    uncachedInput: dollars(tokens.uncachedInput, prices.input),
    cacheRead: dollars(tokens.cacheRead, prices.cacheRead),
    cacheWrite: dollars(tokens.cacheWrite, writePrice),
    output: dollars(tokens.output, prices.output),
  };
  return { ...cost, total: cost.uncachedInput + cost.cacheRead + cost.cacheWrite + cost.output };
}

export interface ApiCost {
  steps: StepTokens[];
  tokensPerTask: RequestTokens;
  tokensPerRequest: RequestTokens;
  costPerTask: number;
  costPerRequest: RequestCost;
  /** Prices of the first step: the usual case, and what the report shows. */
  prices: ClaudePrices;
}

/**
 * The API's cost of one average request of the workload. Each step is priced on its own, since
 * a long transcript can pass a model's long-context threshold where the first step does not.
 * `priceList` is the model's list in force at `at`, when the caller has looked it up already.
 */
export function apiCost(
  workload: Workload,
  claude: ClaudeModel,
  at: Date,
  priceList: ClaudePriceList = claudePriceList(claude.id, at),
): ApiCost {
  const steps = agentStepTokens(workload, claude);

  let costPerTask = 0;
  const perRequest: RequestCost = {
    uncachedInput: 0,
    cacheRead: 0,
    cacheWrite: 0,
    output: 0,
    total: 0,
  };
  for (const step of steps) {
    const cost = requestCost(step, pricesFor(priceList, step.totalInput), workload);
    costPerTask += cost.total;
    perRequest.uncachedInput += cost.uncachedInput / steps.length;
    perRequest.cacheRead += cost.cacheRead / steps.length;
    perRequest.cacheWrite += cost.cacheWrite / steps.length;
    perRequest.output += cost.output / steps.length;
    perRequest.total += cost.total / steps.length;
  }

  const tokensPerTask = sumTokens(steps);
  return {
    steps,
    tokensPerTask,
    tokensPerRequest: scaleTokens(tokensPerTask, 1 / steps.length),
    costPerTask,
    costPerRequest: perRequest,
    prices: pricesFor(priceList, steps[0]?.totalInput ?? 0),
  };
}

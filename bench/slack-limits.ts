/**
 * Slack's posting limits, as the double enforces them. Slack documents them per app per
 * workspace: each Web API method sits in a tier of calls a minute, "sporadic bursts" tolerated;
 * chat.postMessage is in its own tier, about one message a second in each channel with short
 * bursts. Slack publishes no burst sizes: the ones here are this benchmark's assumption.
 */

export type Tier = 1 | 2 | 3 | 4;

export interface SlackLimits {
  /** Messages one channel takes at once before the per-second pace applies. */
  channelBurst: number;
  channelPerSecond: number;
  /** Calls a minute for each tier, also the burst; null lifts the tier limits. */
  tierPerMinute: Record<Tier, number> | null;
}

export const SLACK_LIMITS: SlackLimits = {
  channelBurst: 3,
  channelPerSecond: 1,
  tierPerMinute: { 1: 1, 2: 20, 3: 50, 4: 100 },
};

/**
 * The tier of each method the double answers, from Slack's method reference (snapshot of
 * 2026-08-20). 'special' methods have their own rules: chat.postMessage is limited per channel,
 * auth.test allows hundreds a minute and is left unlimited here.
 */
export const METHOD_TIERS: Record<string, Tier | 'special'> = {
  'auth.test': 'special',
  'chat.postMessage': 'special',
  'chat.postEphemeral': 4,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
  'conversations.info': 3,
  'chat.update': 3,
  'users.info': 4,
};

/** A token bucket: `capacity` calls at once, refilled at `perSecond` a second. */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #last: number;

  constructor(capacity: number, perSecond: number, now: number) {
    this.#capacity = capacity;
    this.#perMs = perSecond / 1000;
    this.#tokens = capacity;
    this.#last = now;
  }

  /** Takes a token at `now` (ms) and returns 0, or returns the ms until one is free. */
  take(now: number): number {
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#perMs);
    this.#last = now;

    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return (1 - this.#tokens) / this.#perMs;
  }
}

/** Buckets by key, made on first use. */
export class BucketSet {
  readonly #buckets = new Map<string, TokenBucket>();

  take(key: string, capacity: number, perSecond: number, now: number): number {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(capacity, perSecond, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  clear(): void {
    this.#buckets.clear();
  }
}

/**
 * The least time Slack's per-channel limit allows for posting `perChannel` messages into each
 * channel, every channel in parallel: the burst goes at once, the rest at the per-second pace.
 */
export function leastPostingSeconds(perChannel: Iterable<number>, limits: SlackLimits): number {
  let seconds = 0;
  for (const count of perChannel) {
    seconds = Math.max(seconds, (count - limits.channelBurst) / limits.channelPerSecond);
  }
  return Math.max(0, seconds);
}

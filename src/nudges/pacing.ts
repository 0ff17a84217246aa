import { setTimeout as sleep } from 'node:timers/promises';

/** Runs at most `limit` tasks at once; the others wait their turn, first come first served. */
export function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running += 1;
    }

    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiting task, if any.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/**
 * Spaces what shares a key at least `intervalMs` apart: each call books the key's next free
 * moment and waits for it. Keys whose last booking is over are forgotten.
 */
export function keySpacing(intervalMs: number, clock: () => Date) {
  const nextFree = new Map<string, number>();

  function forgetPast(now: number): void {
    for (const [key, free] of nextFree) {
      if (free <= now) nextFree.delete(key);
    }
  }

  return async function turn(key: string): Promise<void> {
    const now = clock().getTime();
    const booked = Math.max(now, nextFree.get(key) ?? now);
    forgetPast(now);
    nextFree.set(key, booked + intervalMs);
    if (booked > now) await sleep(booked - now);
  };
}

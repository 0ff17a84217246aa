import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * The work an instance holds: every listener runs to its end after its ack, so shutting down
 * waits for what is in flight instead of cutting an answer in half.
 */
export class InFlight {
  #running = new Set<Promise<unknown>>();
  #accepting = true;

  /** False once shutdown began: the health check says so and the load balancer moves on. */
  get accepting(): boolean {
    return this.#accepting;
  }

  get size(): number {
    return this.#running.size;
  }

  /** Middleware that counts each listener's run until it settles. */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async ({ next }) => {
      const run = next();
      this.#running.add(run);
      try {
        await run;
      } finally {
        this.#running.delete(run);
      }
    };
  }

  /** Stops accepting, then waits for the work in flight, at most `timeoutMs`; true when idle. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.#accepting = false;
    const settled = Promise.allSettled([...this.#running]).then(() => true);
    const timeout = new Promise<boolean>((resolve) => {
      setTimeout(() => resolve(false), timeoutMs).unref();
    });
    return Promise.race([settled, timeout]);
  }
}

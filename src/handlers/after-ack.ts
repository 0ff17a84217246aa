import { setTimeout as sleep } from 'node:timers/promises';

/** How long the thread steps off the CPU once an ack is written. */
const STEP_ASIDE_MS = 1;

/**
 * Steps off the CPU a moment once an ack is written, before an answer that keeps the thread busy
 * for tens of milliseconds. Whoever reads the ack on this host (a proxy, a sidecar, the
 * benchmark's client) otherwise waits for a core until the scheduler takes this one back: on
 * two cores, one ack in eight took 2 ms longer to be read (README, "Performance"). Yielding to
 * the event loop is not enough; the process has to sleep.
 */
export function stepAsideAfterAck(): Promise<void> {
  return sleep(STEP_ASIDE_MS);
}

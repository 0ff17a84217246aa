import type { AuditSummary } from '../store/audit-summary.ts';
import type { AuditThread, Store } from '../store/types.ts';

/** A crossover that moves by more than this share of itself is worth an early re-audit. */
export const EARLY_NUDGE_CROSSOVER_SHIFT = 0.25;

const DEFAULT_PAGE_SIZE = 200;

/** Whether a re-run's summary differs enough from the last one to re-audit before the quarter. */
export function summaryShifted(before: AuditSummary, after: AuditSummary): boolean {
  if (before.band !== after.band) {
    return true;
  }

  const was = before.crossoverLoaded;
  const now = after.crossoverLoaded;

  if (was === null || now === null) {
    return was !== now;
  }

  if (was === 0) {
    return now !== 0;
  }

  return Math.abs(now - was) / was > EARLY_NUDGE_CROSSOVER_SHIFT;
}

export interface EarlyNudgeOptions {
  /** The date of the catalog the app started with. */
  catalogAsOf: string;
  now: Date;
  /** Re-runs the thread's newest audit under the new catalog: does it change enough? */
  wouldChange: (thread: AuditThread) => boolean | Promise<boolean>;
  pageSize?: number;
}

export interface EarlyNudgeResult {
  /** Threads last audited under an older catalog. */
  checked: number;
  /** Of those, threads whose nudge was made due now. */
  marked: number;
}

/**
 * Makes due now the nudges of threads a newer catalog would change, once per catalog: the mark
 * is stored with the catalog's date, so a restart, or a second instance, does not repeat it.
 */
export async function markEarlyNudges(
  store: Pick<Store, 'nudges'>,
  options: EarlyNudgeOptions,
): Promise<EarlyNudgeResult> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const result: EarlyNudgeResult = { checked: 0, marked: 0 };
  let afterId = '';

  for (;;) {
    const page = await store.nudges.listUnmarkedForCatalog(options.catalogAsOf, afterId, pageSize);

    for (const thread of page) {
      if (thread.latest.catalogAsOf >= options.catalogAsOf) {
        continue;
      }

      result.checked += 1;

      if (await options.wouldChange(thread)) {
        const marked = await store.nudges.markEarly(
          thread.audit.id,
          options.catalogAsOf,
          options.now,
        );
        result.marked += marked ? 1 : 0;
      }
    }

    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) {
      return result;
    }
    afterId = last.audit.id;
  }
}

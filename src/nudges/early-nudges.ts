import type { AuditThread, Store } from '../store/types.ts';

const DEFAULT_PAGE_SIZE = 200;

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

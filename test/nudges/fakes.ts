import type { DeliveryOutcome, NudgeContext } from '../../src/nudges/index.ts';
import type { Audit, Logger } from '../../src/store/index.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: unknown;
}

/** A logger that keeps every line, for assertions. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: unknown, fields?: unknown): void => {
      lines.push({ level, message: String(message), fields });
    };

  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A clock the test moves by hand. */
export function fakeClock(start: Date) {
  let now = start.getTime();

  return {
    now: () => new Date(now),
    set: (date: Date) => {
      now = date.getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export interface Delivery {
  auditId: string;
  context: NudgeContext;
}

/**
 * A stand-in for "re-run and post to the thread": records each call and answers with the next
 * scripted outcome for that audit, or success once the script runs out.
 */
export function fakeDelivery() {
  const deliveries: Delivery[] = [];
  const scripts = new Map<string, (DeliveryOutcome | Error)[]>();

  async function deliver(audit: Audit, context: NudgeContext): Promise<DeliveryOutcome> {
    deliveries.push({ auditId: audit.id, context });
    const next = scripts.get(audit.id)?.shift() ?? { ok: true };

    if (next instanceof Error) {
      throw next;
    }
    return next;
  }

  return {
    deliver,
    deliveries,
    script: (auditId: string, outcomes: (DeliveryOutcome | Error)[]) => {
      scripts.set(auditId, outcomes);
    },
    ids: () => deliveries.map((delivery) => delivery.auditId),
  };
}

/** A promise and the function that settles it. */
export function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

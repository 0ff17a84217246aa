import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';

/** How long a request's key is kept: Slack retries within minutes, never a day later. */
const KEEP_KEYS_MS = 24 * 60 * 60 * 1000;
const FORGET_EVERY_MS = 60 * 60 * 1000;

interface KeyedBody {
  event_id?: unknown;
  trigger_id?: unknown;
  team_id?: unknown;
  team?: { id?: unknown };
}

/** What identifies one delivery: an event's id, or the trigger of a command, click or submit. */
function deliveryKey(body: KeyedBody): string | undefined {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string') return `trigger:${body.trigger_id}`;
  return undefined;
}

function teamOf(body: KeyedBody): string | undefined {
  if (typeof body.team_id === 'string') return body.team_id;
  return typeof body.team?.id === 'string' ? body.team.id : undefined;
}

export interface DropRetriesDependencies {
  store: Store;
  logger: Logger;
  now: () => Date;
}

/** Where a command's context keeps its redelivery check until its listener has acked. */
const FIRST_DELIVERY = 'isFirstDelivery';

/**
 * Slack delivers again (with X-Slack-Retry-Num) when it did not see an ack in time, and a load
 * balancer may hand the retry to another instance. The first instance to record a delivery's
 * key handles it; any later copy is acked and dropped, so an answer is never posted twice. A
 * store failure lets the delivery through: a possible duplicate beats a lost answer.
 *
 * A slash command's key is recorded after its ack, off the path Slack times: the middleware
 * leaves the check in the context and the command's listener calls `isFirstDelivery` once it
 * has acked. Every other delivery is checked here, before its listener runs.
 */
export function dropRetriedDeliveries(
  deps: DropRetriesDependencies,
): Middleware<AnyMiddlewareArgs> {
  let lastForget = 0;

  async function firstSeen(teamId: string, key: string, retryNum: unknown): Promise<boolean> {
    const now = deps.now();
    let first = true;
    try {
      first = await deps.store.requestKeys.firstSeen({ teamId }, key, now);
      if (now.getTime() - lastForget > FORGET_EVERY_MS) {
        lastForget = now.getTime();
        await deps.store.requestKeys.forgetBefore(new Date(now.getTime() - KEEP_KEYS_MS));
      }
    } catch (error) {
      deps.logger.error('delivery key not recorded; handling the delivery anyway', { error });
    }

    if (!first) deps.logger.warn('repeated delivery dropped', { key, retry: retryNum ?? null });
    return first;
  }

  return async (args) => {
    const body = args.body as KeyedBody;
    const key = deliveryKey(body);
    const teamId = teamOf(body);
    if (key === undefined || teamId === undefined) return args.next();

    const check = () => firstSeen(teamId, key, args.context.retryNum);
    if ('command' in args) {
      args.context[FIRST_DELIVERY] = check;
      return args.next();
    }

    if (await check()) return args.next();
    if ('ack' in args && typeof args.ack === 'function') await args.ack();
  };
}

/**
 * For a command's listener, once it has acked: false when another delivery of the command was
 * handled first (here or by another instance), and the listener should stop.
 */
export function isFirstDelivery(context: Context): Promise<boolean> {
  const check = context[FIRST_DELIVERY];
  return typeof check === 'function' ? check() : Promise.resolve(true);
}

import { sign } from './slash-command.ts';

/**
 * Interactivity as Slack sends it: block actions, view submissions and shortcuts as a signed form
 * with one `payload` field of JSON; events as signed JSON. Builders take defaults for the team,
 * user and app so a test names only what it is about.
 */

type Json = Record<string, unknown>;

let triggers = 0;

/** Slack gives every click, shortcut and submission its own trigger; a redelivery repeats it. */
function nextTrigger(kind: string): string {
  triggers += 1;
  return `${process.pid}.${triggers}.${kind}`;
}

export interface Actor {
  userId?: string;
  teamId?: string;
}

const APP_ID = 'A0001';

function team(actor: Actor) {
  return { id: actor.teamId ?? 'T0001', domain: 'example' };
}

function user(actor: Actor) {
  return {
    id: actor.userId ?? 'U0001',
    username: 'reviewer',
    name: 'reviewer',
    team_id: actor.teamId ?? 'T0001',
  };
}

async function post(port: number, body: string, contentType: string): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': sign(body, timestamp),
    },
    body,
  });
}

/** POSTs a block action, view submission or shortcut to the app on loopback. */
export function sendInteraction(port: number, payload: Json): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(port, body, 'application/x-www-form-urlencoded');
}

/** POSTs an Events API envelope to the app on loopback. */
export function sendEvent(port: number, envelope: Json): Promise<Response> {
  return post(port, JSON.stringify(envelope), 'application/json');
}

export interface ClickFields extends Actor {
  actionId: string;
  responseUrl: string;
  value?: string;
  blockId?: string;
  /** For a static select: the option chosen. */
  selected?: string;
  /** Where the click came from: a message (the default) or the Home tab. */
  container?: 'message' | 'home';
}

export function blockActions(fields: ClickFields): Json {
  const element =
    fields.selected === undefined
      ? { type: 'button', value: fields.value, text: { type: 'plain_text', text: 'x' } }
      : {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: fields.selected },
        };
  const fromHome = fields.container === 'home';
  return {
    type: 'block_actions',
    api_app_id: APP_ID,
    token: 'legacy-verification-token-unused',
    trigger_id: nextTrigger('action'),
    team: team(fields),
    user: user(fields),
    container: fromHome
      ? { type: 'view', view_id: 'V0HOME' }
      : { type: 'message', message_ts: '1764579600.000200', channel_id: 'C0001' },
    ...(fromHome
      ? {}
      : {
          channel: { id: 'C0001', name: 'architecture-review' },
          message: { type: 'message', ts: '1764579600.000200', text: 'answer' },
          response_url: fields.responseUrl,
        }),
    actions: [
      {
        ...element,
        action_id: fields.actionId,
        block_id: fields.blockId ?? 'block',
        action_ts: '1764579601.000000',
      },
    ],
  };
}

export function globalShortcut(callbackId: string, actor: Actor = {}): Json {
  return {
    type: 'shortcut',
    callback_id: callbackId,
    trigger_id: nextTrigger('shortcut'),
    token: 'legacy-verification-token-unused',
    action_ts: '1764579601.000000',
    team: team(actor),
    user: user(actor),
    is_enterprise_install: false,
  };
}

export function appHomeOpened(actor: Actor = {}, tab: 'home' | 'messages' = 'home'): Json {
  return {
    token: 'legacy-verification-token-unused',
    team_id: actor.teamId ?? 'T0001',
    api_app_id: APP_ID,
    type: 'event_callback',
    event_id: 'Ev0HOME01',
    event_time: 1_764_579_600,
    event: {
      type: 'app_home_opened',
      user: actor.userId ?? 'U0001',
      channel: 'D0HOME',
      tab,
      event_ts: '1764579600.000100',
    },
  };
}

type Block = Json & { type: string; block_id?: string; element?: Json };
type StateValue = Json & { type: string };

function optionWithValue(element: Json, value: string): Json | undefined {
  const options = (element.options ?? []) as Json[];
  return options.find((option) => option.value === value);
}

/** What Slack's client sends for one input: its initial value, or the one a test typed. */
function stateOf(element: Json, typed: string | undefined): StateValue {
  const type = String(element.type);
  switch (type) {
    case 'number_input':
      return { type, value: typed ?? (element.initial_value as string | undefined) ?? null };
    case 'static_select': {
      const chosen = typed === undefined ? element.initial_option : optionWithValue(element, typed);
      return { type, selected_option: chosen ?? (typed ? { value: typed } : null) };
    }
    case 'checkboxes': {
      const initial = (element.initial_options ?? []) as Json[];
      const options = (element.options ?? []) as Json[];
      return { type, selected_options: typed === undefined ? initial : typed ? options : [] };
    }
    case 'conversations_select':
      return { type, selected_conversation: typed ?? null };
    default:
      return { type, value: typed ?? null };
  }
}

/**
 * A view submission as Slack's client sends it for a modal the app opened: every input keeps its
 * initial value unless `typed` gives another (by block id: a number, an option's value, `'yes'`
 * or `''` for a checkbox, a conversation id).
 */
export function viewSubmission(
  view: Json,
  typed: Record<string, string> = {},
  actor: Actor = {},
): Json {
  const blocks = (view.blocks ?? []) as Block[];
  const values: Record<string, Record<string, StateValue>> = {};
  for (const block of blocks) {
    if (block.type !== 'input' || block.block_id === undefined || block.element === undefined) {
      continue;
    }
    const actionId = String(block.element.action_id);
    values[block.block_id] = { [actionId]: stateOf(block.element, typed[block.block_id]) };
  }

  return {
    type: 'view_submission',
    api_app_id: APP_ID,
    token: 'legacy-verification-token-unused',
    trigger_id: nextTrigger('submission'),
    team: team(actor),
    user: user(actor),
    view: {
      ...view,
      id: 'V0MODAL',
      team_id: actor.teamId ?? 'T0001',
      app_id: APP_ID,
      bot_id: 'B0BOT',
      hash: '1764579600.abcdef',
      root_view_id: 'V0MODAL',
      previous_view_id: null,
      private_metadata: view.private_metadata ?? '',
      state: { values },
    },
    response_urls: [],
  };
}

/** The view a Web API call sent: views.open and views.publish take it as JSON in a form field. */
export function sentView(args: Record<string, unknown>): Json {
  const view = args.view;
  return (typeof view === 'string' ? JSON.parse(view) : view) as Json;
}

import type { Band, Schedule } from '../engine/workload.ts';

/** Every word the app says to people, in one place. */

export const COMMAND = '/selfhost-check';
export const BOT_MENTION = '@selfhost-check';

export const EXAMPLE_WORKLOAD =
  '1.5M requests/month, 4k system, 8k tools, 1.5k context, 500 user, 2k output, 80% cache';

export const BAND_TITLES: Record<Band, string> = {
  'stay-on-api': 'Stay on the Claude API',
  'optimize-cache': 'Stay on the API, and optimise prompt caching',
  evaluate: 'Evaluate self-hosting',
  'self-host': 'Self-host',
};

/** Band names short enough for a chart label or an aside. */
export const BAND_SHORT: Record<Band, string> = {
  'stay-on-api': 'stay on API',
  'optimize-cache': 'optimise cache',
  evaluate: 'evaluate',
  'self-host': 'self-host',
};

export const BAND_EMOJI: Record<Band, string> = {
  'stay-on-api': ':large_green_circle:',
  'optimize-cache': ':large_yellow_circle:',
  evaluate: ':large_orange_circle:',
  'self-host': ':red_circle:',
};

export const BAND_EXPLANATIONS: Record<Band, string> = {
  'stay-on-api':
    'At this volume a GPU cluster would sit mostly idle and still bill every hour. ' +
    'The API is the cheaper and simpler choice by a wide margin.',
  'optimize-cache':
    'The API still wins, or a cluster would save too little to pay for a migration. ' +
    'Spend the effort on cache-friendly prompts: a stable prefix read from cache costs a ' +
    'tenth of plain input.',
  evaluate:
    'Self-hosting would save real money, but not so much that cost alone decides. ' +
    'Cache hit rate, the latency tail, quality on your own tasks and who runs the cluster ' +
    'decide: run a trial before moving.',
  'self-host':
    'Self-hosting wins on cost by a wide margin, or data must stay in-house. ' +
    'It needs a team that runs GPU serving, and a check of quality on your own tasks.',
};

export const PARENT_DETAILS_IN_THREAD = 'Figures and the crossover chart are in the thread.';

export const SECTION_TITLES = {
  api: 'Claude API',
  selfHost: 'Self-host',
  perRequest: 'Per request',
  cluster: 'Cluster',
  crossover: 'Crossover, GPUs only',
  crossoverLoaded: 'Crossover, with operations',
  reasons: 'Why',
  rateLimits: 'Rate limits',
  latency: 'Latency',
  sensitivity: 'What moves the crossover',
  quality: 'Quality',
  agent: 'Per agent task',
} as const;

export const NO_CROSSOVER = 'none in range';

export const SCHEDULE_WORDS: Record<Schedule, string> = {
  always: 'always on',
  'business-hours': 'business hours only',
  autoscale: 'autoscaled',
};

export const CHART_COMPLIANCE_LABEL = 'self-host: data must stay in-house';
export const CHART_WORKLOAD_LABEL = (volume: string) => `this workload: ${volume}/mo`;
export const CHART_TITLE_LINE = (apiModel: string, openModel: string) =>
  `${apiModel} vs ${openModel}`;
export const CHART_SUBTITLE = (replica: string, catalogAsOf: string) =>
  `self-hosted on ${replica} · catalog as of ${catalogAsOf}`;
export const CHART_SERIES = {
  api: (model: string) => `API (${model})`,
  selfHost: 'self-host, GPUs only',
  selfHostLoaded: 'self-host with operations',
  crossover: 'break-even, GPUs',
  crossoverLoaded: 'with operations',
  xAxis: 'requests a month',
  yAxis: 'US dollars a month',
} as const;

export const CHART_FILENAME = 'selfhost-check-crossover.png';
export const CHART_TITLE = 'Monthly cost against monthly requests';

export const HELP_TITLE = `How to use ${COMMAND}`;
export const HELP_INTRO =
  'Describe an agent workload in plain phrases or `key=value` pairs, separated by commas. ' +
  'Numbers take `k`/`M` suffixes, volumes `/day` or `/month`, rates a `%`. ' +
  'Anything you leave out keeps the default shown below. I answer in a thread with a ' +
  'recommendation, the figures behind it and a chart.';
export const HELP_LIST = `\`${COMMAND} list\` shows this channel's audits and their next re-audit.`;
export const HELP_KEYS_TITLE = 'Keys';

export const PARSE_ERROR_TITLE = 'I could not read part of that workload:';
export const WORKLOAD_PROBLEM_TITLE = 'I read that workload, but cannot evaluate it:';
export const PARSE_ERROR_HINT = `Type \`${COMMAND} help\` for every key and an example.`;

export const NOT_IN_CHANNEL =
  `I am not in this channel yet, so I cannot post the answer here. Add me with ` +
  `\`/invite ${BOT_MENTION}\`, then run the command again. In a direct message or a ` +
  'channel I cannot join, run it in a channel I am in.';

export const ANSWER_STEPS = {
  parent: 'posting the answer to the channel',
  thread: 'posting the figures in the thread',
  chart: 'uploading the chart',
} as const;
export type AnswerStep = keyof typeof ANSWER_STEPS;

export function slackFailure(step: AnswerStep, slackError: string): string {
  return `Something went wrong while ${ANSWER_STEPS[step]}: Slack said \`${slackError}\`.`;
}

/** Said in the thread when the figures are posted but the chart is not. */
export function chartMissing(slackError: string): string {
  return `The chart is missing: Slack refused the upload (\`${slackError}\`). The figures above stand.`;
}

export const INTERNAL_FAILURE =
  'Something went wrong on my side while working out the answer. Nothing was posted.';

export const STORE_FAILURE =
  'The answer could not be saved (the database did not respond), so nothing was posted. ' +
  'Try again in a minute.';

export function reauditDue(date: string): string {
  return `Re-audit due ${date}: prices and GPU rates move, so check again each quarter.`;
}

export function catalogLine(catalogAsOf: string, apiPricesAsOf: string, gpuPrice: string): string {
  return `Catalog as of ${catalogAsOf} · API prices as of ${apiPricesAsOf} · GPU price ${gpuPrice}`;
}

// -------------------------------------------------------------------------------------------------
// Nudges: the re-audit message, its buttons' replies, and `/selfhost-check list`.

export const NUDGE_TITLE = 'Quarterly re-audit';
export const NUDGE_TITLE_EARLY = 'Re-audit: the catalog changed';
export const NUDGE_CHANGES_TITLE = 'What changed since the last audit';
export const NUDGE_NOTHING_MOVED =
  'Nothing moved: the same band, prices and crossover as the last audit.';
export const NUDGE_BAND_TITLE = 'The band now';
export const NUDGE_EARLY_REASON =
  'Sent ahead of schedule: a newer catalog moves the band or the crossover of this workload.';

export function nudgeStandInsTitle(openModel: string): string {
  return `Open models that now cost less than ${openModel}`;
}

export function nudgeCatalogLine(catalogAsOf: string): string {
  return `Re-run against the catalog as of ${catalogAsOf}`;
}

export function nudgeNextLine(date: string): string {
  return `Next re-audit ${date}.`;
}

export function nudgeFallback(band: Band, changes: number): string {
  const moved = changes === 0 ? 'nothing moved' : `${changes} changes since the last audit`;
  return `Re-audit: ${BAND_TITLES[band]}; ${moved}.`;
}

export const NUDGE_BUTTONS = {
  snooze: 'Snooze 2 weeks',
  editInputs: 'Edit inputs',
  stopReminders: 'Stop reminders',
} as const;

export const STOP_CONFIRM = {
  title: 'Stop reminders?',
  text: 'No more re-audits will be posted in this thread.',
  confirm: 'Stop them',
  deny: 'Keep them',
} as const;

export function snoozedUntil(date: string): string {
  return `Snoozed: the next re-audit of this thread is due ${date}.`;
}

export const REMINDERS_STOPPED =
  'Reminders stopped: no more re-audits will be posted in this thread.';
export const REMINDERS_ALREADY_STOPPED = 'Reminders for this audit are already stopped.';
export const STOP_NOT_ALLOWED =
  'Only the person who asked for this audit, or a workspace admin, can stop its reminders.';
export const AUDIT_NOT_FOUND = 'I cannot find that audit in this workspace. Nothing changed.';
export const BUTTON_FAILED =
  'Something went wrong on my side (the database did not respond). Nothing changed.';

/** The word after the command that lists the channel's audits. */
export const LIST_WORD = 'list';
export const AUDIT_LIST_TITLE = 'Audits in this channel';
export const AUDIT_LIST_EMPTY =
  `No audits in this channel yet: \`${COMMAND} <workload>\` starts one, ` +
  'and I re-check it each quarter.';
export const AUDIT_LIST_FAILED =
  'I could not read the audits (the database did not respond). Try again in a minute.';

export function auditListMore(shown: number): string {
  return `The ${shown} most recent are shown.`;
}

export function auditListNext(date: string): string {
  return `next re-audit ${date}`;
}

export const REMINDERS_OFF = 'reminders off';

export function auditListRetrying(error: string): string {
  return `retrying the last re-audit (Slack said \`${error}\`)`;
}

export const STOP_REASONS: Record<string, string> = {
  stopped_by_user: 'someone in the thread stopped them',
  is_archived: 'the channel was archived',
  channel_not_found: 'the channel is gone, or I can no longer see it',
  not_in_channel: 'I was removed from the channel',
  account_inactive: 'the bot was deactivated',
  token_revoked: 'the app was uninstalled (token revoked)',
  token_expired: 'the app token expired',
  invalid_auth: 'the app token is no longer valid',
  not_authed: 'the app token is no longer valid',
  team_access_revoked: 'the workspace revoked access',
  team_not_found: 'the workspace is gone',
  missing_scope: 'the app lacks a permission it needs',
  restricted_action: 'a workspace setting stops me posting there',
  ekm_access_denied: 'the workspace keys deny access',
  stored_row_invalid: 'its stored record could not be read',
  workload_not_evaluated: 'its workload cannot be evaluated against the current catalog',
  thread_unknown: 'its answer was never posted in a thread',
};

const ANSWER_NOT_POSTED = 'answer_not_posted:';

/** Why an audit's reminders stopped, in words; Slack's own code when it is not one we know. */
export function stopReasonText(reason: string): string {
  if (reason.startsWith(ANSWER_NOT_POSTED)) {
    return `its answer was never posted (Slack said \`${reason.slice(ANSWER_NOT_POSTED.length)}\`)`;
  }

  return STOP_REASONS[reason] ?? `Slack refused the re-audit (\`${reason}\`)`;
}

export function remindersStoppedLine(reason: string): string {
  return `reminders stopped: ${stopReasonText(reason)}`;
}

/*
 * ── The workload modal, the answer's buttons, the shortcut and the Home tab ──
 */

export const MODAL_TITLE = 'Self-host check';
export const MODAL_EDIT_TITLE = 'Edit inputs';
export const MODAL_SUBMIT = 'Check';
export const MODAL_EDIT_SUBMIT = 'Check again';
export const MODAL_CLOSE = 'Cancel';

export const MODAL_INTRO =
  'Describe the agent workload. Every field starts at the reference profile; change what ' +
  'differs and I answer in a thread with a recommendation, the figures and a chart.';
export const MODAL_EDIT_INTRO =
  'The inputs of this answer. Change what differs: I answer in the same thread and say ' +
  'what changed since the previous answer there.';

export const MODAL_SECTIONS = {
  traffic: 'Traffic',
  prompt: 'Prompt shape, tokens per request',
  caching: 'Prompt caching',
  api: 'Claude API',
  selfHost: 'Self-host',
  constraints: 'Constraints',
  destination: 'Where the answer goes',
} as const;

/** The label of each input of the modal, by the key people type for that field. */
export const MODAL_LABELS: Record<string, string> = {
  'requests-per-month': 'Requests',
  'requests-unit': 'Counted per',
  'peak-to-average': 'Peak minute over the average',
  'system-tokens': 'System prompt',
  'tool-tokens': 'Tool definitions',
  'context-tokens': 'Retrieved context',
  'user-tokens': 'User message',
  'output-tokens': 'Output',
  'agent-steps': 'Agent steps per task',
  'tool-result-tokens': 'Tool result per step',
  'cache-hit-rate': 'Cache hit rate, %',
  'cache-ttl': 'Cache lifetime',
  'api-model': 'Claude model',
  'tier-scheme': 'Rate-limit tiers',
  'batch-share': 'Batch API share, %',
  'open-model': 'Open-weight model',
  gpu: 'GPU',
  'gpus-per-replica': 'GPUs per replica',
  precision: 'Precision',
  'gpu-hourly-usd': 'Price of one GPU-hour, $',
  'prefill-tps': 'Measured prefill, tokens/s a replica',
  'decode-tps': 'Measured decode, tokens/s a replica',
  schedule: 'Schedule',
  'autoscale-floor': 'Fewest replicas when autoscaled',
  'ops-monthly-usd': 'Operating cost, $ a month',
  compliance: 'Data',
  'ttft-target-ms': 'Time-to-first-token target, ms',
  destination: 'Post the answer in',
};

export const MODAL_HINTS: Record<string, string> = {
  'peak-to-average':
    'How much busier the busiest minute is than the average: 3 means three times. ' +
    'It sizes the cluster and the rate-limit tier.',
  'system-tokens': 'Part of the stable prefix that prompt caching serves.',
  'tool-tokens': 'Part of the stable prefix that prompt caching serves.',
  'agent-steps': 'Requests one agent task makes; 1 for a single call.',
  'tool-result-tokens': "Tokens each tool call adds to the next step's context.",
  'cache-hit-rate':
    'Share of requests whose system prompt and tool definitions are read from cache.',
  'tier-scheme': "Start, Build, Scale is Anthropic's current scheme; tiers 1 to 4 the older one.",
  'batch-share': 'Requests sent through the Batch API: half price, outside the per-minute limits.',
  gpu: 'Cheapest fit lets me pick the GPU and how many one replica needs.',
  'gpus-per-replica': 'Leave empty and I pick the fewest that fit.',
  precision: "The model's default is the first precision its weights are published in.",
  'prefill-tps': 'Measured on one replica of this model and GPU; leave empty and I estimate it.',
  'decode-tps': 'Measured on one replica of this model and GPU; leave empty and I estimate it.',
  'ops-monthly-usd': 'Engineering time to run the cluster.',
  'ttft-target-ms': 'Leave empty for no target.',
  destination: `A channel I am in; /invite ${BOT_MENTION} there adds me.`,
};

export const REQUEST_UNITS = { month: 'Month', day: 'Day (×30 for a month)' } as const;
export const CACHE_TTL_WORDS = { '5m': '5 minutes', '1h': '1 hour' } as const;
export const TIER_SCHEME_WORDS = {
  'start-build-scale': 'Start, Build, Scale',
  'tiers-1-4': 'Tiers 1 to 4',
} as const;
export const CHEAPEST_FIT = 'Cheapest fit (I choose)';
export const MODEL_DEFAULT_PRECISION = "The model's default";
export const COMPLIANCE_OPTION = 'Must stay in-house (self-host whatever the cost)';

/** A GPU as a choice: its name, the catalog's default price and that price's date. */
export function gpuChoice(name: string, usdPerHour: string, asOf: string): string {
  return `${name} · ${usdPerHour}/GPU-hour, ${asOf}`;
}

/** The hint under the price input: the catalog's price of each GPU, with vendor and date. */
export function gpuPriceHint(prices: readonly string[]): string {
  return `Leave empty for the catalog's price: ${prices.join('; ')}.`;
}

export const MODAL_REQUIRED = 'Fill this in.';
export const MODAL_PICK_DESTINATION = 'Pick the channel the answer goes to.';
export const MODAL_UNREADABLE =
  'This form could not be read (it may be out of date). Close it and open it again.';

/** A problem shown under one input: the key prefix dropped, the sentence capitalised. */
export function inputProblem(problem: string, key: string): string {
  const text = problem.startsWith(`${key}: `) ? problem.slice(key.length + 2) : problem;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

export function percentRange(min: string, max: string): string {
  return `Must be from ${min}% to ${max}%.`;
}

export function modalFailure(slackError: string): string {
  return `I could not open the form: Slack said \`${slackError}\`. Try again in a moment.`;
}

export function notInConversation(channelId: string): string {
  return (
    `I am not in <#${channelId}>, so I could not post the answer there. Add me with ` +
    `\`/invite ${BOT_MENTION}\` in that channel, then run the check again.`
  );
}

/** Echoed under an answer made in the form when no input differs from the reference. */
export const REFERENCE_PROFILE = 'the reference profile';
/** How an input left to the engine reads in "what changed". */
export const ENGINE_CHOICE = "engine's choice";

export const CHANGES_TITLE = 'What changed since the previous answer here';
export const CHANGES_INPUTS = 'Inputs';
export const CHANGES_RESULTS = 'Results';
export const NOTHING_MOVED = 'no figure moved';

export const EDIT_INPUTS_BUTTON = 'Edit inputs';
export const COMPARE_MODEL_PLACEHOLDER = 'Compare model';
export const COMPARE_GROUPS = { claude: 'Claude models', open: 'Open-weight models' } as const;
export const REMINDERS_BUTTON = 'Reminders on/off';

export const UNKNOWN_MODEL = 'That model is not in the catalog, so nothing was run.';
export const REMINDERS_NOT_ALLOWED =
  "Only the person who asked, or a workspace admin, can turn this thread's reminders off or on.";
export const REMINDERS_FAILED =
  'Something went wrong on my side, so the reminders were not changed. Try again in a minute.';
export const FORM_FAILED =
  'Something went wrong on my side, so the form did not open. Try again in a minute.';
export const REMINDERS_TURNED_OFF =
  'Quarterly reminders are off for this thread. Press *Reminders on/off* again to turn them ' +
  'back on.';

export function remindersOn(nextDue: string | null): string {
  const when = nextDue === null ? '' : ` The next re-audit is due ${nextDue}.`;
  return `Quarterly reminders are on for this thread.${when}`;
}

export const HOME_TITLE = 'Self-host check';
export const HOME_INTRO =
  'Should an agent workload stay on the Claude API or move to open-weight models on rented ' +
  `GPUs? *New check* opens the form and posts the answer in the channel you pick; ` +
  `\`${COMMAND}\` in a channel does the same there.`;
export const NEW_CHECK_BUTTON = 'New check';
export const HOME_RECENT_TITLE = 'Recent answers in this workspace';
export const HOME_NO_AUDITS = `No answers yet. Press *New check*, or type \`${COMMAND}\` in a channel.`;

export function homeCatalogTitle(asOf: string): string {
  return `Catalog as of ${asOf}`;
}

export const HOME_CATALOG = {
  claude: (asOf: string) => `*Claude models* (API prices as of ${asOf})`,
  open: '*Open-weight models* (release dates)',
  gpus: "*GPU prices* (the catalog's default, on demand)",
  newest: 'Newest figures',
} as const;

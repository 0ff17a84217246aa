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
  stopped_by_user: 'reminders stopped by someone in the thread',
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

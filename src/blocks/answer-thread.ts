import type { types } from '@slack/bolt';
import { CLAUDE_MODELS, OPEN_MODELS } from '../engine/catalog/index.ts';
import type {
  LatencyReport,
  RateLimitCheck,
  Report,
  SensitivityPoint,
} from '../engine/report-types.ts';
import { ACTION_IDS } from './action-ids.ts';
import {
  escapeMrkdwn,
  formatCount,
  formatMonthlyUsd,
  formatMs,
  formatPercent,
  formatUsd,
  formatVolume,
  slackDate,
} from './format.ts';
import {
  type Block,
  context,
  divider,
  fields,
  header,
  message,
  type SlackMessage,
  section,
  titled,
} from './kit.ts';
import {
  BAND_EXPLANATIONS,
  BAND_SHORT,
  BAND_TITLES,
  CHANGES_INPUTS,
  CHANGES_RESULTS,
  CHANGES_TITLE,
  COMPARE_GROUPS,
  COMPARE_MODEL_PLACEHOLDER,
  catalogLine,
  EDIT_INPUTS_BUTTON,
  NO_CROSSOVER,
  NOTHING_MOVED,
  REMINDERS_BUTTON,
  reauditDue,
  SCHEDULE_WORDS,
  SECTION_TITLES,
} from './texts.ts';

/** What moved since the previous answer in the same thread. */
export interface AnswerChanges {
  inputs: string[];
  results: string[];
}

export interface ThreadOptions {
  /** When the quarterly re-audit falls due. */
  reauditDue: Date;
  /** The stored audit this answer is, for the buttons that act on it. */
  auditId?: string;
  /** Set on a re-audit: what changed since the previous answer in the thread. */
  changes?: AnswerChanges;
}

/** The prefix of a "Compare model" option's value: which side of the comparison it replaces. */
export const COMPARE_PREFIXES = { claude: 'claude:', open: 'open:' } as const;

const ACTIONS_BLOCK_PREFIX = 'answer:';

/** The block of the answer's buttons carries the audit id, for the select that has no value. */
export function answerActionsBlockId(auditId: string): string {
  return `${ACTIONS_BLOCK_PREFIX}${auditId}`;
}

/** The audit id an answer's button block names, or undefined for any other block. */
export function auditIdOfBlock(blockId: string): string | undefined {
  if (!blockId.startsWith(ACTIONS_BLOCK_PREFIX)) return undefined;
  return blockId.slice(ACTIONS_BLOCK_PREFIX.length) || undefined;
}

function crossoverText(requestsPerMonth: number | null): string {
  return requestsPerMonth === null ? NO_CROSSOVER : formatVolume(requestsPerMonth);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function bandBlocks(report: Report): Block[] {
  return [header(BAND_TITLES[report.band]), section(BAND_EXPLANATIONS[report.band])];
}

function apiField(report: Report): string {
  const { api } = report;
  return `*${SECTION_TITLES.api}* · ${escapeMrkdwn(api.modelName)}\n${formatMonthlyUsd(api.monthlyCost)}`;
}

function selfHostField(report: Report): string {
  const host = report.selfHost;
  return (
    `*${SECTION_TITLES.selfHost}* · ${escapeMrkdwn(host.modelName)}\n` +
    `${formatMonthlyUsd(host.monthlyCostLoaded)} with ${formatUsd(host.opsMonthlyUsd)}/mo operations\n` +
    `${formatMonthlyUsd(host.monthlyCost)} GPUs only`
  );
}

function perRequestField(report: Report): string {
  const host = report.selfHost;
  return (
    `*${SECTION_TITLES.perRequest}*\nAPI ${formatUsd(report.api.costPerRequest)}\n` +
    `Self-host ${formatUsd(host.costPerRequest)} GPUs, ${formatUsd(host.costPerRequestLoaded)} loaded`
  );
}

function clusterField(report: Report): string {
  const host = report.selfHost;
  const gpus = host.replicas * host.gpusPerReplica;
  const picked = host.chosen ? ' (cheapest fit)' : '';
  return (
    `*${SECTION_TITLES.cluster}*\n${plural(host.replicas, 'replica')} × ` +
    `${host.gpusPerReplica} ${escapeMrkdwn(host.gpuName)} = ${plural(gpus, 'GPU')}, ` +
    `${host.precision}${picked}\n${SCHEDULE_WORDS[host.schedule]}, ` +
    `${formatPercent(host.utilisation)} utilised`
  );
}

/** API against self-host: monthly and per-request costs, the cluster, both crossovers. */
export function figureBlocks(report: Report): Block[] {
  return [
    fields([
      apiField(report),
      selfHostField(report),
      perRequestField(report),
      clusterField(report),
      `*${SECTION_TITLES.crossover}*\n${crossoverText(report.crossover.requestsPerMonth)}`,
      `*${SECTION_TITLES.crossoverLoaded}*\n${crossoverText(report.crossover.requestsPerMonthLoaded)}`,
    ]),
  ];
}

export function reasonBlocks(report: Report): Block[] {
  if (report.reasons.length === 0) return [];
  const bullets = report.reasons.map((reason) => `• ${escapeMrkdwn(reason)}`);
  return [titled(SECTION_TITLES.reasons, bullets.join('\n'))];
}

function tierVerdict(limits: RateLimitCheck): string {
  if (limits.minTier === null) return 'no published tier fits; ask Anthropic for custom limits.';
  const tier = limits.tiers.find((candidate) => candidate.name === limits.minTier);
  const reach = tier?.howToReach ? `: ${escapeMrkdwn(tier.howToReach)}` : '';
  return `fits the ${escapeMrkdwn(limits.minTier)} tier${reach}.`;
}

export function rateLimitBlocks(report: Report): Block[] {
  const limits = report.api.rateLimits;
  const need =
    `Peak minute needs ${formatCount(limits.requiredRpm)} requests, ` +
    `${formatCount(limits.requiredItpm)} input tokens and ` +
    `${formatCount(limits.requiredOtpm)} output tokens a minute: ${tierVerdict(limits)}`;
  const title = `${SECTION_TITLES.rateLimits} (${limits.scheme}, as of ${limits.asOf})`;
  return [titled(title, need)];
}

function meets(verdict: boolean | null): string {
  if (verdict === null) return 'unknown';
  return verdict ? 'meets it' : 'misses it';
}

function targetLine(latency: LatencyReport): string[] {
  if (latency.ttftTargetMs === null) return [];
  return [
    `Target ${formatMs(latency.ttftTargetMs)}: API ${meets(latency.apiMeetsTarget)}, ` +
      `self-host ${meets(latency.selfHostMeetsTarget)}.`,
  ];
}

export function latencyBlocks(report: Report): Block[] {
  const latency = report.latency;
  const lines = [
    `API first token: p50 ${formatMs(latency.apiTtftMs)}, p99 ${formatMs(latency.apiTtftP99Ms)} ` +
      `(${escapeMrkdwn(latency.apiSource)})`,
    `Self-host: first token ~${formatMs(latency.selfHostTtftMs)}, ` +
      `${formatMs(latency.selfHostTpotMs)} a token, ` +
      `${formatCount(latency.concurrencyPerReplica)} requests in flight a replica at peak`,
    ...targetLine(latency),
  ];
  return [titled(SECTION_TITLES.latency, lines.join('\n'))];
}

function sensitivityLine(
  report: Report,
  label: string,
  points: readonly SensitivityPoint[],
  show: (value: number) => string,
): string[] {
  if (points.length === 0) return [];
  const steps = points.map((point) => {
    const crossover =
      point.crossoverLoaded === null ? NO_CROSSOVER : formatCount(point.crossoverLoaded);
    const band = point.band === report.band ? '' : ` (${BAND_SHORT[point.band]})`;
    return `${show(point.value)} → ${crossover}${band}`;
  });
  return [`${label}: ${steps.join(' · ')}`];
}

export function sensitivityBlocks(report: Report): Block[] {
  const { sensitivity } = report;
  const lines = [
    ...sensitivityLine(report, 'Cache hit rate', sensitivity.cacheHitRate, formatPercent),
    ...sensitivityLine(
      report,
      'GPU price',
      sensitivity.gpuHourlyUsd,
      (usd) => `${formatUsd(usd)}/h`,
    ),
  ];
  if (lines.length === 0) return [];
  return [titled(`${SECTION_TITLES.sensitivity}, requests/mo with operations`, lines.join('\n'))];
}

function capitalised(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function qualityBlocks(report: Report): Block[] {
  const { quality } = report;
  const model = escapeMrkdwn(report.selfHost.modelName);
  const claude = `Claude ${capitalised(quality.claudeClass)}-class models`;
  const standing = quality.chosenIsStandIn
    ? `${model} is a published stand-in for ${claude}.`
    : `${model} is not a published stand-in for ${claude} ` +
      `(those are ${escapeMrkdwn(quality.standIns.join(', '))}).`;
  const gap = `Expected gap: ${escapeMrkdwn(sentence(quality.gap))}`;
  return [titled(SECTION_TITLES.quality, `${standing} ${gap}`)];
}

export function agentBlocks(report: Report): Block[] {
  const { agent } = report;
  if (agent === null) return [];
  return [
    titled(
      SECTION_TITLES.agent,
      `${plural(agent.steps, 'step')}, ${formatUsd(agent.costPerTask)} a task, ` +
        `${formatCount(agent.tasksPerMonth)} tasks/mo`,
    ),
  ];
}

export function changeBlocks(options: ThreadOptions): Block[] {
  const { changes } = options;
  if (changes === undefined) return [];
  const inputs = changes.inputs.length === 0 ? 'none' : changes.inputs.join(' · ');
  const results = changes.results.length === 0 ? NOTHING_MOVED : changes.results.join(' · ');
  const lines = [
    `${CHANGES_INPUTS}: ${escapeMrkdwn(inputs)}`,
    `${CHANGES_RESULTS}: ${escapeMrkdwn(results)}`,
  ];
  return [titled(CHANGES_TITLE, lines.join('\n'))];
}

function plainText(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}

function compareOption(value: string, name: string): types.PlainTextOption {
  return { text: plainText(name), value };
}

/** Every catalog model but the two this answer compares. */
function compareSelect(report: Report): types.StaticSelect {
  const claude = CLAUDE_MODELS.filter((model) => model.id !== report.api.model).map((model) =>
    compareOption(`${COMPARE_PREFIXES.claude}${model.id}`, model.name),
  );
  const open = OPEN_MODELS.filter((model) => model.id !== report.selfHost.model).map((model) =>
    compareOption(`${COMPARE_PREFIXES.open}${model.id}`, model.name),
  );
  return {
    type: 'static_select',
    action_id: ACTION_IDS.compareModel,
    placeholder: plainText(COMPARE_MODEL_PLACEHOLDER),
    option_groups: [
      { label: plainText(COMPARE_GROUPS.claude), options: claude },
      { label: plainText(COMPARE_GROUPS.open), options: open },
    ],
  };
}

/** Edit inputs, Compare model and Reminders on/off: each names the audit, never the workload. */
export function buttonBlocks(report: Report, options: ThreadOptions): Block[] {
  const { auditId } = options;
  if (auditId === undefined) return [];
  return [
    {
      type: 'actions',
      block_id: answerActionsBlockId(auditId),
      elements: [
        {
          type: 'button',
          action_id: ACTION_IDS.editInputs,
          text: plainText(EDIT_INPUTS_BUTTON),
          value: auditId,
        },
        compareSelect(report),
        {
          type: 'button',
          action_id: ACTION_IDS.toggleReminders,
          text: plainText(REMINDERS_BUTTON),
          value: auditId,
        },
      ],
    },
  ];
}

export function footerBlocks(report: Report, options: ThreadOptions): Block[] {
  const host = report.selfHost;
  const gpuPrice =
    `${formatUsd(host.gpuHourlyUsd)}/GPU-hour, ${escapeMrkdwn(host.gpuPriceSource)}, ` +
    `${host.gpuPriceAsOf}`;
  return [
    context([
      catalogLine(report.catalog.asOf, report.api.pricesAsOf, gpuPrice),
      reauditDue(slackDate(options.reauditDue)),
    ]),
  ];
}

/** The full answer, posted in the thread under the parent message. */
export function buildAnswerThread(report: Report, options: ThreadOptions): SlackMessage {
  const blocks = [
    ...bandBlocks(report),
    ...changeBlocks(options),
    ...figureBlocks(report),
    ...reasonBlocks(report),
    divider(),
    ...rateLimitBlocks(report),
    ...latencyBlocks(report),
    ...sensitivityBlocks(report),
    ...agentBlocks(report),
    ...qualityBlocks(report),
    ...footerBlocks(report, options),
    ...buttonBlocks(report, options),
  ];
  const text =
    `${BAND_TITLES[report.band]}. Crossover with operations: ` +
    `${crossoverText(report.crossover.requestsPerMonthLoaded)}. ` +
    reauditDue(options.reauditDue.toISOString().slice(0, 10));
  return message(text, blocks);
}

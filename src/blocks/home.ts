import type { types } from '@slack/bolt';
import { CLAUDE_PRICES_AS_OF, RATE_LIMIT_TIERS } from '../engine/catalog/claude.ts';
import {
  CLAUDE_MODELS,
  catalogAsOf,
  findClaudeModel,
  findOpenModel,
  GPUS,
  OPEN_MODELS,
} from '../engine/catalog/index.ts';
import type { AuditThread } from '../store/index.ts';
import { ACTION_IDS } from './action-ids.ts';
import { escapeMrkdwn, formatUsd, formatVolume, slackDate } from './format.ts';
import { type Block, context, divider, header, section, sectionsOf } from './kit.ts';
import {
  auditListNext,
  BAND_EMOJI,
  BAND_SHORT,
  HOME_CATALOG,
  HOME_INTRO,
  HOME_NO_AUDITS,
  HOME_RECENT_TITLE,
  HOME_TITLE,
  homeCatalogTitle,
  NEW_CHECK_BUTTON,
  REMINDERS_OFF,
  remindersStoppedLine,
  TIER_SCHEME_WORDS,
} from './texts.ts';

/** How many of the team's threads the Home tab lists; the handler asks the store for as many. */
export const HOME_THREADS = 10;

/** How many of the catalog's newest figures the Home tab names. */
const NEWEST_SHOWN = 5;

/** Slack's limit on a Home tab's blocks. */
const HOME_BLOCKS_MAX = 100;

function newCheckBlock(): Block {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: HOME_INTRO },
    accessory: {
      type: 'button',
      action_id: ACTION_IDS.newCheck,
      style: 'primary',
      text: { type: 'plain_text', text: NEW_CHECK_BUTTON },
    },
  };
}

function reminderStatus(thread: AuditThread): string {
  const { audit } = thread;
  if (audit.stoppedReason !== null) return escapeMrkdwn(remindersStoppedLine(audit.stoppedReason));
  if (!audit.remindersEnabled || audit.nextNudgeAt === null) return REMINDERS_OFF;
  return auditListNext(slackDate(audit.nextNudgeAt));
}

function threadBlock(thread: AuditThread): Block {
  const { audit, latest } = thread;
  const { band, apiModel, openModel } = latest.summary;
  const api = findClaudeModel(apiModel)?.name ?? apiModel;
  const open = findOpenModel(openModel)?.name ?? openModel;
  const first =
    `${BAND_EMOJI[band]} *${BAND_SHORT[band]}* · ` +
    `${formatVolume(latest.workload.requestsPerMonth)} · ${escapeMrkdwn(`${api} vs ${open}`)}`;
  const second =
    `<#${audit.channelId}> · asked by <@${audit.userId}> ${slackDate(audit.createdAt)} · ` +
    reminderStatus(thread);
  return section(`${first}\n${second}`);
}

function recentBlocks(threads: readonly AuditThread[]): Block[] {
  if (threads.length === 0) return [section(HOME_NO_AUDITS)];
  return threads.slice(0, HOME_THREADS).map(threadBlock);
}

interface Dated {
  label: string;
  asOf: string;
}

/** The catalog's entries by date, newest first: what changed in it lately. */
function newestFigures(): Dated[] {
  const schemes = [...new Set(RATE_LIMIT_TIERS.map((tier) => tier.scheme))].map((scheme) => ({
    label: `${TIER_SCHEME_WORDS[scheme]} rate limits`,
    asOf:
      RATE_LIMIT_TIERS.filter((tier) => tier.scheme === scheme)
        .map((tier) => tier.asOf)
        .sort()
        .at(-1) ?? '',
  }));
  const entries: Dated[] = [
    { label: 'Claude API prices', asOf: CLAUDE_PRICES_AS_OF },
    ...schemes,
    ...GPUS.flatMap((gpu) =>
      gpu.prices.map((price) => ({ label: `${gpu.id} at ${price.vendor}`, asOf: price.asOf })),
    ),
    ...OPEN_MODELS.map((model) => ({ label: model.name, asOf: model.asOf })),
  ];
  return entries.sort((a, b) => b.asOf.localeCompare(a.asOf)).slice(0, NEWEST_SHOWN);
}

function gpuLine(gpu: (typeof GPUS)[number]): string {
  const [price] = gpu.prices;
  if (price === undefined) return `• *${escapeMrkdwn(gpu.name)}*`;
  const low = Math.min(...gpu.prices.map((candidate) => candidate.usdPerHour));
  const high = Math.max(...gpu.prices.map((candidate) => candidate.usdPerHour));
  return (
    `• *${escapeMrkdwn(gpu.name)}*: ${formatUsd(price.usdPerHour)}/GPU-hour, ` +
    `${escapeMrkdwn(price.vendor)}, ${price.asOf} ` +
    `(${formatUsd(low)} to ${formatUsd(high)} across ${gpu.prices.length} prices)`
  );
}

function catalogBlocks(): Block[] {
  const claude = CLAUDE_MODELS.map((model) => model.name).join(', ');
  const open = OPEN_MODELS.map((model) => `• ${escapeMrkdwn(model.name)}, ${model.asOf}`);
  const newest = newestFigures().map((entry) => `${escapeMrkdwn(entry.label)} ${entry.asOf}`);
  return [
    header(homeCatalogTitle(catalogAsOf())),
    section(`${HOME_CATALOG.claude(CLAUDE_PRICES_AS_OF)}\n${claude}`),
    ...sectionsOf([HOME_CATALOG.open, ...open]),
    ...sectionsOf([HOME_CATALOG.gpus, ...GPUS.map(gpuLine)]),
    context([`${HOME_CATALOG.newest}: ${newest.join(' · ')}`]),
  ];
}

/**
 * The Home tab: a "New check" button, this team's recent answers (band, volume, models, and the
 * next re-audit or why reminders stopped), and the catalog every answer is priced from.
 */
export function buildHome(threads: readonly AuditThread[]): types.HomeView {
  const blocks: Block[] = [
    header(HOME_TITLE),
    newCheckBlock(),
    divider(),
    header(HOME_RECENT_TITLE),
    ...recentBlocks(threads),
    divider(),
    ...catalogBlocks(),
  ];
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCKS_MAX) };
}

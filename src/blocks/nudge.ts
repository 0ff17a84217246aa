import type { types } from '@slack/bolt';
import type { Alternative } from '../engine/alternatives.ts';
import { findGpu } from '../engine/catalog/index.ts';
import type { Report } from '../engine/report-types.ts';
import { ACTION_IDS } from './action-ids.ts';
import { escapeMrkdwn, formatMonthlyUsd, formatUsd, formatVolume, slackDate } from './format.ts';
import { type Block, context, header, message, type SlackMessage, titled } from './kit.ts';
import {
  BAND_EMOJI,
  BAND_TITLES,
  NO_CROSSOVER,
  NUDGE_BAND_TITLE,
  NUDGE_BUTTONS,
  NUDGE_CHANGES_TITLE,
  NUDGE_EARLY_REASON,
  NUDGE_NOTHING_MOVED,
  NUDGE_TITLE,
  NUDGE_TITLE_EARLY,
  nudgeCatalogLine,
  nudgeFallback,
  nudgeNextLine,
  nudgeStandInsTitle,
  STOP_CONFIRM,
} from './texts.ts';

/** Everything one nudge says: the re-run report and how it compares with the thread's last. */
export interface NudgeView {
  /** The audit the buttons act on (the thread's first, which carries the schedule). */
  auditId: string;
  report: Report;
  /** What moved since the thread's last audit, in words (`describeChanges`). */
  changes: readonly string[];
  /** Open models that now self-host the workload for less than the chosen one. */
  standIns: readonly Alternative[];
  /** A newer catalog brought this nudge forward. */
  early: boolean;
  nextNudgeAt: Date;
}

const MAX_CHANGES = 12;
const MAX_STAND_INS = 5;
const ACTIONS_BLOCK_ID = 'nudge_actions';

type Button = types.Button;

function button(text: string, actionId: string, auditId: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text },
    action_id: actionId,
    value: auditId,
  };
}

function stopButton(auditId: string): Button {
  return {
    ...button(NUDGE_BUTTONS.stopReminders, ACTION_IDS.stopReminders, auditId),
    style: 'danger',
    confirm: {
      title: { type: 'plain_text', text: STOP_CONFIRM.title },
      text: { type: 'plain_text', text: STOP_CONFIRM.text },
      confirm: { type: 'plain_text', text: STOP_CONFIRM.confirm },
      deny: { type: 'plain_text', text: STOP_CONFIRM.deny },
    },
  };
}

function changeBlocks(changes: readonly string[]): Block[] {
  if (changes.length === 0) {
    return [titled(NUDGE_CHANGES_TITLE, NUDGE_NOTHING_MOVED)];
  }

  const bullets = changes.slice(0, MAX_CHANGES).map((change) => `• ${escapeMrkdwn(change)}`);
  return [titled(NUDGE_CHANGES_TITLE, bullets.join('\n'))];
}

function bandBlock(report: Report): Block {
  const crossover = report.crossover.requestsPerMonthLoaded;
  const lines = [
    `${BAND_EMOJI[report.band]} *${BAND_TITLES[report.band]}*`,
    `API ${formatMonthlyUsd(report.api.monthlyCost)} · self-host ` +
      `${formatMonthlyUsd(report.selfHost.monthlyCostLoaded)} with operations · crossover ` +
      `${crossover === null ? NO_CROSSOVER : formatVolume(crossover)}`,
  ];
  return titled(NUDGE_BAND_TITLE, lines.join('\n'));
}

function standInLine(alternative: Alternative): string {
  const gpu = findGpu(alternative.gpu)?.name ?? alternative.gpu;
  const replica = `${alternative.gpusPerReplica} × ${escapeMrkdwn(gpu)}`;
  return (
    `• ${escapeMrkdwn(alternative.modelName)} on ${replica}: ` +
    `${formatUsd(alternative.monthlyCostLoaded)}/mo with operations`
  );
}

function standInBlocks(report: Report, standIns: readonly Alternative[]): Block[] {
  if (standIns.length === 0) return [];

  const title = nudgeStandInsTitle(escapeMrkdwn(report.selfHost.modelName));
  return [titled(title, standIns.slice(0, MAX_STAND_INS).map(standInLine).join('\n'))];
}

function footer(view: NudgeView): Block {
  const lines = [
    nudgeCatalogLine(view.report.catalog.asOf),
    ...(view.early ? [NUDGE_EARLY_REASON] : []),
    nudgeNextLine(slackDate(view.nextNudgeAt)),
  ];
  return context(lines);
}

function actions(auditId: string): Block {
  return {
    type: 'actions',
    block_id: ACTIONS_BLOCK_ID,
    elements: [
      button(NUDGE_BUTTONS.snooze, ACTION_IDS.snooze, auditId),
      button(NUDGE_BUTTONS.editInputs, ACTION_IDS.editInputs, auditId),
      stopButton(auditId),
    ],
  };
}

/**
 * The re-audit posted in an audit's thread (and to the channel): what changed, the band now,
 * cheaper open models if any, the catalog it ran against, and buttons acting on the audit.
 */
export function buildNudge(view: NudgeView): SlackMessage {
  const blocks = [
    header(view.early ? NUDGE_TITLE_EARLY : NUDGE_TITLE),
    ...changeBlocks(view.changes),
    bandBlock(view.report),
    ...standInBlocks(view.report, view.standIns),
    footer(view),
    actions(view.auditId),
  ];
  return message(nudgeFallback(view.report.band, view.changes.length), blocks);
}

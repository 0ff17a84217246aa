import type { Report } from '../engine/report-types.ts';
import { clampText, escapeMrkdwn, formatMonthlyUsd, formatVolume } from './format.ts';
import { context, message, type SlackMessage, section } from './kit.ts';
import { BAND_EMOJI, BAND_TITLES, PARENT_DETAILS_IN_THREAD } from './texts.ts';

/** Who asked, and what they typed, for the line under the answer. */
export interface Asker {
  userId: string;
  text: string;
}

const ECHO_MAX = 300;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

function headline(report: Report): string {
  const api = formatMonthlyUsd(report.api.monthlyCost);
  const selfHost = formatMonthlyUsd(report.selfHost.monthlyCostLoaded);
  const volume = formatVolume(report.workload.requestsPerMonth);
  return (
    `${BAND_EMOJI[report.band]} *${BAND_TITLES[report.band]}*: ` +
    `API ${api} against self-host ${selfHost} with operations, at ${volume}.`
  );
}

function askedBy(asker: Asker): string {
  const who = USER_ID.test(asker.userId) ? `<@${asker.userId}>` : 'someone';
  const what = escapeMrkdwn(clampText(asker.text.trim(), ECHO_MAX));
  return `Asked by ${who}: ${what}`;
}

/** The short answer posted in the channel; the thread under it holds the figures. */
export function buildAnswerParent(report: Report, asker: Asker): SlackMessage {
  const blocks = [section(headline(report)), context([askedBy(asker), PARENT_DETAILS_IN_THREAD])];
  const text =
    `${BAND_TITLES[report.band]}: API ${formatMonthlyUsd(report.api.monthlyCost)}, ` +
    `self-host ${formatMonthlyUsd(report.selfHost.monthlyCostLoaded)} with operations.`;
  return message(text, blocks);
}

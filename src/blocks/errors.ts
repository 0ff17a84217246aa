import { clampText, escapeMrkdwn } from './format.ts';
import { message, type SlackMessage, section } from './kit.ts';
import {
  type AnswerStep,
  INTERNAL_FAILURE,
  NOT_IN_CHANNEL,
  PARSE_ERROR_HINT,
  PARSE_ERROR_TITLE,
  STORE_FAILURE,
  slackFailure,
  WORKLOAD_PROBLEM_TITLE,
} from './texts.ts';

const ECHO_MAX = 500;
const PROBLEMS_MAX = 20;

function problemReply(title: string, problems: readonly string[], text: string): SlackMessage {
  const shown = problems.slice(0, PROBLEMS_MAX).map(escapeMrkdwn);
  const bullets = shown.map((problem) => `• ${problem}`);
  const echo = `You wrote: ${escapeMrkdwn(clampText(text.trim(), ECHO_MAX))}`;
  const body = [`:warning: ${title}`, ...bullets, echo, PARSE_ERROR_HINT].join('\n');
  return message(`${title} ${shown.join('; ')}`, [section(body)]);
}

/** The workload text could not be read: each problem names the part, nothing is posted. */
export function buildParseError(problems: readonly string[], text: string): SlackMessage {
  return problemReply(PARSE_ERROR_TITLE, problems, text);
}

/** The text was read but the engine cannot evaluate it (a model that fits no GPU named). */
export function buildWorkloadProblem(problem: string, text: string): SlackMessage {
  return problemReply(WORKLOAD_PROBLEM_TITLE, [problem], text);
}

/** The bot cannot post where the command was typed: say how to add it. */
export function buildNotInChannel(): SlackMessage {
  return message(NOT_IN_CHANNEL, [section(`:wave: ${NOT_IN_CHANNEL}`)]);
}

/** A Slack call failed: say which step, and Slack's own error code. */
export function buildSlackFailure(step: AnswerStep, slackError: string): SlackMessage {
  const text = slackFailure(step, escapeMrkdwn(slackError));
  return message(text, [section(`:x: ${text}`)]);
}

/** Something failed before anything reached Slack. */
export function buildInternalFailure(): SlackMessage {
  return message(INTERNAL_FAILURE, [section(`:x: ${INTERNAL_FAILURE}`)]);
}

/** The audit could not be stored, so the answer was not posted. */
export function buildStoreFailure(): SlackMessage {
  return message(STORE_FAILURE, [section(`:x: ${STORE_FAILURE}`)]);
}

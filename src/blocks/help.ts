import { escapeMrkdwn } from './format.ts';
import { header, message, type SlackMessage, section, sectionsOf } from './kit.ts';
import {
  COMMAND,
  EXAMPLE_WORKLOAD,
  HELP_INTRO,
  HELP_KEYS_TITLE,
  HELP_LIST,
  HELP_TITLE,
} from './texts.ts';

/** One key the workload text understands, as the parser describes it. */
export interface HelpKey {
  key: string;
  meaning: string;
  example: string;
}

function keyLine(entry: HelpKey): string {
  return `• \`${entry.key}\` ${escapeMrkdwn(entry.meaning)} (e.g. \`${escapeMrkdwn(entry.example)}\`)`;
}

/** The ephemeral usage text: how to write a workload, an example, and every key. */
export function buildHelp(keys: readonly HelpKey[]): SlackMessage {
  const example = `\`${COMMAND} ${EXAMPLE_WORKLOAD}\``;
  const blocks = [
    header(HELP_TITLE),
    section(HELP_INTRO),
    section(`*Example*\n${example}`),
    section(HELP_LIST),
    ...sectionsOf([`*${HELP_KEYS_TITLE}*`, ...keys.map(keyLine)]),
  ];
  return message(`${HELP_TITLE}: ${example}`, blocks);
}

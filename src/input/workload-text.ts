import { CLAUDE_MODELS, GPUS, OPEN_MODELS } from '../engine/catalog/index.ts';
import type { WorkloadInput } from '../engine/workload.ts';
import { inputMessages } from './messages.ts';
import { findField, WORKLOAD_FIELDS } from './workload-fields.ts';
import { assembleWorkload, type ParsedWorkload, readFieldValue } from './workload-input.ts';

/** Longest slash-command text read; Slack itself caps a message well above any workload. */
export const MAX_TEXT_LENGTH = 2_000;

/** Phrase words after (or before) a figure, and the key they stand for. */
const PHRASES: readonly [RegExp, string][] = [
  [
    /^(requests?|reqs?|calls?)?\s*(\/|per|a|each)?\s*(months?|mo)$|^monthly$|^requests?$/,
    'requests-per-month',
  ],
  [/^(requests?|reqs?|calls?)?\s*(\/|per|a|each)?\s*(days?|d)$|^daily$/, 'requests-per-day'],
  [/^(x\s*)?peak(\s*(-|to)\s*average)?$/, 'peak-to-average'],
  [/^(tokens?\s+(of\s+)?)?system(\s+prompt)?(\s+tokens?)?$/, 'system-tokens'],
  [/^(tokens?\s+(of\s+)?)?tools?(\s+(definitions?|defs|schemas?))?(\s+tokens?)?$/, 'tool-tokens'],
  [/^(retrieved\s+)?(context|rag)(\s+tokens?)?$/, 'context-tokens'],
  [/^user(\s+(message|msg|prompt))?(\s+tokens?)?$/, 'user-tokens'],
  [/^(output|response|completion)s?(\s+tokens?)?$/, 'output-tokens'],
  [/^(prompt\s+)?cache(d)?(\s+hits?)?(\s+rate)?$|^hit\s+rate$/, 'cache-hit-rate'],
  [/^batch(\s+(api|share))?$/, 'batch-share'],
  [/^(agent\s+)?steps?(\s+per\s+task)?$/, 'agent-steps'],
  [/^tool\s+results?(\s+tokens?)?$/, 'tool-result-tokens'],
  [/^ttft(\s+target)?$/, 'ttft-target-ms'],
  [/^gpus?(\s+per\s+replica)?$/, 'gpus-per-replica'],
  [/^(\/|per\s+)?gpu[-\s]?(hour|hr|h)$|^\/\s*(hour|hr|h)$/, 'gpu-hourly-usd'],
  [/^(ops|operations)(\s*(\/|per|a)\s*month)?$/, 'ops-monthly-usd'],
  [/^(autoscale\s+)?floor$/, 'autoscale-floor'],
  [/^prefill(\s+(tps|tokens?\/s))?$/, 'prefill-tps'],
  [/^decode(\s+(tps|tokens?\/s))?$/, 'decode-tps'],
];

const FIGURE = String.raw`\$?[0-9._]*[0-9](?:\.[0-9]+)?(?:\s*(?:[kmb]|%|ms|s|x)(?![a-z]))?`;
const FIGURE_FIRST = new RegExp(`^(${FIGURE})\\s*(.*)$`, 'i');
const FIGURE_LAST = new RegExp(`^(.*?)\\s*[:=]?\\s+(${FIGURE})$`, 'i');
const REPLICA = /^([0-9]+)\s*(?:x|×)\s*([a-z0-9-]+)$/i;

type Entry = [key: string, raw: string];

function phraseKey(words: string): string | undefined {
  const text = words.trim().toLowerCase().replace(/\s+/g, ' ');
  return PHRASES.find(([pattern]) => pattern.test(text))?.[1];
}

/** Words with no figure: a model, a GPU, a precision, a schedule, compliance. */
function bareWord(part: string): Entry[] | undefined {
  const word = part.trim().toLowerCase();
  const replica = REPLICA.exec(word);
  if (replica?.[1] && replica[2] && GPUS.some((gpu) => gpu.id === replica[2])) {
    return [
      ['gpus-per-replica', replica[1]],
      ['gpu', replica[2]],
    ];
  }
  if (word.startsWith('claude-') || CLAUDE_MODELS.some((model) => model.id === word)) {
    return [['api-model', word]];
  }
  if (OPEN_MODELS.some((model) => model.id === word || model.aliases.includes(word))) {
    return [['open-model', word]];
  }
  if (GPUS.some((gpu) => gpu.id === word)) return [['gpu', word]];
  if (/^(fp8|bf16|fp4)$/.test(word)) return [['precision', word]];
  if (/^(business[- ]hours|autoscale|always(\s+on)?)$/.test(word)) {
    return [['schedule', word.replace(' ', '-').replace(/^always-on$/, 'always')]];
  }
  if (/^(tiers-1-4|start-build-scale)$/.test(word)) return [['tier-scheme', word]];
  if (/^(5m|1h)(\s+cache)?(\s+(ttl|lifetime))?$/.test(word)) {
    return [['cache-ttl', word.slice(0, 2)]];
  }
  if (/^(compliance|in-house|on-prem|data must stay in-house)$/.test(word)) {
    return [['compliance', 'yes']];
  }
  return undefined;
}

function readPart(part: string): Entry[] | undefined {
  const keyValue = /^([a-z][a-z0-9_-]*)\s*=\s*(.*)$/i.exec(part);
  if (keyValue?.[1] !== undefined) return [[keyValue[1], keyValue[2] ?? '']];

  const bare = bareWord(part);
  if (bare) return bare;

  const figureFirst = FIGURE_FIRST.exec(part);
  const key = figureFirst?.[2] !== undefined ? phraseKey(figureFirst[2]) : undefined;
  if (figureFirst?.[1] && key) return [[key, figureFirst[1]]];

  const figureLast = FIGURE_LAST.exec(part);
  const lastKey = figureLast?.[1] !== undefined ? phraseKey(figureLast[1]) : undefined;
  if (figureLast?.[2] && lastKey) return [[lastKey, figureLast[2]]];

  return undefined;
}

/** What text gave: the fields it read, and a problem for each part it could not. */
export interface ReadText {
  input: Record<string, unknown>;
  problems: string[];
}

/**
 * Reads workload fields from text: parts separated by commas, semicolons or new lines, each
 * `key=value` or a phrase such as "1.5M requests/month", "4k system", "80% cache",
 * "8x h100-sxm", "claude-opus-4-7" or "compliance". Every part it cannot read is named in the
 * problems, and nothing is guessed.
 */
export function readWorkloadText(text: string): ReadText {
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT_LENGTH) {
    return { input: {}, problems: [inputMessages.tooLong(trimmed.length, MAX_TEXT_LENGTH)] };
  }

  const problems: string[] = [];
  const input: Record<string, unknown> = {};
  const parts = trimmed.split(/[,;\n]+/).map((piece) => piece.trim());
  for (const part of parts.filter(Boolean)) {
    const entries = readPart(part);
    if (!entries) {
      problems.push(inputMessages.unreadablePart(part));
      continue;
    }
    for (const [key, raw] of entries) {
      const problem = setField(input, key, raw);
      if (problem) problems.push(problem);
    }
  }
  return { input, problems };
}

/** Sets one field from a key and its raw value; returns what was wrong, if anything. */
export function setField(input: Record<string, unknown>, key: string, raw: string) {
  const field = findField(key);
  if (!field) return inputMessages.unknownKey(key);
  if (field.field in input) return inputMessages.givenTwice(field.key);

  const value = readFieldValue(field, raw);
  if (!value.ok) return value.problem;
  input[field.field] = value.value;
  return undefined;
}

/**
 * Reads a whole workload from slash-command text. Parts left out take the reference profile's
 * values; an empty text is the reference profile itself.
 */
export function parseWorkloadText(text: string): ParsedWorkload {
  const { input, problems } = readWorkloadText(text);
  return assembleWorkload(input as WorkloadInput, problems);
}

/** Every key people can type, for the help text. */
export const WORKLOAD_TEXT_KEYS = WORKLOAD_FIELDS.map(({ key, meaning, example }) => ({
  key,
  meaning,
  example,
}));

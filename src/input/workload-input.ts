import type { z } from 'zod';
import { CLAUDE_MODELS, GPUS, OPEN_MODELS } from '../engine/catalog/index.ts';
import {
  CACHE_TTLS,
  PRECISIONS,
  SCHEDULES,
  TIER_SCHEMES,
  type Workload,
  type WorkloadInput,
  workloadSchema,
} from '../engine/workload.ts';
import { inputMessages } from './messages.ts';
import { keyOf, type WorkloadField } from './workload-fields.ts';

export type ParsedWorkload =
  | { ok: true; workload: Workload; input: WorkloadInput }
  | { ok: false; problems: string[] };

export type ReadValue = { ok: true; value: unknown } | { ok: false; problem: string };

const SUFFIXES: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };
const NUMBER = /^((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?)\s*([kmb])?$/i;

/** A count such as 1500, 1.5k, 2M or 1e6; underscores between digits are allowed. */
export function readNumber(raw: string): number | undefined {
  const match = NUMBER.exec(raw.trim().replaceAll('_', ''));
  if (!match) return undefined;
  return Number(match[1]) * (SUFFIXES[(match[2] ?? '').toLowerCase()] ?? 1);
}

function readShare(raw: string): number | undefined {
  const text = raw.trim();
  if (text.endsWith('%')) {
    const percent = readNumber(text.slice(0, -1));
    return percent === undefined ? undefined : percent / 100;
  }
  return readNumber(text);
}

function readMilliseconds(raw: string): number | undefined {
  const text = raw.trim().toLowerCase();
  if (text.endsWith('ms')) return readNumber(text.slice(0, -2));
  if (text.endsWith('s')) {
    const seconds = readNumber(text.slice(0, -1));
    return seconds === undefined ? undefined : seconds * 1000;
  }
  return readNumber(text);
}

const YES = new Set(['yes', 'y', 'true', 'on', '1']);
const NO = new Set(['no', 'n', 'false', 'off', '0']);

function choicesOf(field: WorkloadField): readonly string[] {
  switch (field.field) {
    case 'cacheTtl':
      return CACHE_TTLS;
    case 'tierScheme':
      return TIER_SCHEMES;
    case 'precision':
      return PRECISIONS;
    case 'schedule':
      return SCHEDULES;
    case 'apiModel':
      return CLAUDE_MODELS.map((model) => model.id);
    case 'openModel':
      return OPEN_MODELS.flatMap((model) => [model.id, ...model.aliases]);
    case 'gpu':
      return GPUS.map((gpu) => gpu.id);
    default:
      return [];
  }
}

/** Reads one field's value from what a person typed, or says what is wrong with it. */
export function readFieldValue(field: WorkloadField, raw: string): ReadValue {
  const text = raw.trim();
  const scaled = (value: number | undefined, problem: string): ReadValue =>
    value === undefined || !Number.isFinite(value)
      ? { ok: false, problem }
      : { ok: true, value: value * (field.scale ?? 1) };

  switch (field.kind) {
    case 'number':
      return scaled(readNumber(text.replace(/x$/i, '')), inputMessages.badNumber(field.key, text));
    case 'share':
      return scaled(readShare(text), inputMessages.badShare(field.key, text));
    case 'money':
      return scaled(readNumber(text.replace(/^\$/, '')), inputMessages.badMoney(field.key, text));
    case 'milliseconds':
      return scaled(readMilliseconds(text), inputMessages.badDuration(field.key, text));
    case 'flag':
      if (text === '' || YES.has(text.toLowerCase())) return { ok: true, value: true };
      if (NO.has(text.toLowerCase())) return { ok: true, value: false };
      return { ok: false, problem: inputMessages.badFlag(field.key, text) };
    case 'choice': {
      const known = choicesOf(field);
      const value = text.toLowerCase();
      if (known.includes(value)) return { ok: true, value };
      return { ok: false, problem: inputMessages.unknownChoice(field.key, text, known) };
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = keyOf(String(issue.path[0] ?? 'workload'));
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? 'at least' : 'at most';
    const inclusive =
      issue.inclusive === false ? (issue.code === 'too_small' ? 'above' : 'below') : bound;
    return inputMessages.invalid(
      key,
      `must be ${inclusive} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}.`,
    );
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') {
    return inputMessages.invalid(key, 'must be a whole number.');
  }
  return inputMessages.invalid(key, `${issue.message}.`);
}

/**
 * Checks the fields read from text or flags against the workload schema and fills in the
 * defaults. Problems found while reading come first, so one reply lists everything that was
 * wrong. Every problem names the key it is about.
 */
export function assembleWorkload(
  input: WorkloadInput,
  earlierProblems: readonly string[] = [],
): ParsedWorkload {
  const result = workloadSchema.safeParse(input);
  const problems = [
    ...earlierProblems,
    ...(result.success ? [] : result.error.issues.map(describeIssue)),
  ];
  if (result.success && problems.length === 0) return { ok: true, workload: result.data, input };
  return { ok: false, problems };
}

import type { ViewStateValue } from '@slack/bolt';
import { inputProblem, MODAL_REQUIRED, percentRange } from '../blocks/texts.ts';
import {
  DESTINATION_BLOCK,
  ENGINE_CHOOSES,
  inputBounds,
  MODAL_INPUTS,
  type ModalInput,
  REQUESTS_UNIT_BLOCK,
} from '../blocks/workload-modal.ts';
import type { WorkloadError, WorkloadErrorCode } from '../engine/errors.ts';
import type { Workload, WorkloadInput } from '../engine/workload.ts';
import { findField } from '../input/workload-fields.ts';
import { assembleWorkload, readFieldValue } from '../input/workload-input.ts';

/** A submitted view's state: block id → action id → what the person chose or typed. */
export type ModalState = Record<string, Record<string, ViewStateValue>>;

/** Messages for the form, one per input block that was wrong: Slack shows each under its input. */
export type ModalErrors = Record<string, string>;

export type ModalReading = { ok: true; workload: Workload } | { ok: false; errors: ModalErrors };

type FieldReading =
  | { kind: 'value'; value: unknown }
  | { kind: 'engine-chooses' }
  | { kind: 'problem'; problem: string; key: string };

function valueOf(state: ModalState, blockId: string): ViewStateValue | undefined {
  return state[blockId]?.[blockId];
}

/** The key a number is read as: requests counted a day are read as requests a day. */
function keyOf(entry: ModalInput, state: ModalState): string {
  if (entry.field !== 'requestsPerMonth') return entry.key;
  const unit = valueOf(state, REQUESTS_UNIT_BLOCK)?.selected_option?.value;
  return unit === 'day' ? 'requests-per-day' : entry.key;
}

/** The input's value as the text readers take it: "80%" for a share shown in percent. */
function rawOf(entry: ModalInput, state: ModalState): string | undefined {
  const value = valueOf(state, entry.key);
  switch (entry.control) {
    case 'select':
      return value?.selected_option?.value ?? undefined;
    case 'flag':
      return (value?.selected_options?.length ?? 0) > 0 ? 'yes' : 'no';
    case 'percent': {
      const text = value?.value?.trim();
      return text ? `${text}%` : undefined;
    }
    default:
      return value?.value?.trim() || undefined;
  }
}

function readEntry(entry: ModalInput, state: ModalState): FieldReading {
  const key = keyOf(entry, state);
  const raw = rawOf(entry, state);
  const field = findField(key);

  if (raw === undefined || raw === ENGINE_CHOOSES) {
    if (entry.optional) return { kind: 'engine-chooses' };
    return { kind: 'problem', problem: MODAL_REQUIRED, key };
  }
  if (field === undefined) return { kind: 'problem', problem: MODAL_REQUIRED, key };

  const read = readFieldValue(field, raw);
  if (!read.ok) return { kind: 'problem', problem: read.problem, key };
  return { kind: 'value', value: read.value };
}

/** The input a schema problem is about (by the key its message starts with), and its message. */
function placeProblem(problem: string): { blockId: string; message: string } {
  for (const entry of MODAL_INPUTS) {
    const keys = entry.field === 'requestsPerMonth' ? [entry.key, 'requests-per-day'] : [entry.key];
    const key = keys.find((candidate) => problem.startsWith(`${candidate}: `));
    if (key === undefined) continue;

    // The schema counts shares from 0 to 1; the form shows them in percent.
    const bounds = inputBounds(entry);
    const message =
      entry.control === 'percent'
        ? percentRange(bounds.min ?? '0', bounds.max ?? '100')
        : inputProblem(problem, key);
    return { blockId: entry.key, message };
  }
  // Every field has an input, so this is only reached by a message naming no key.
  return { blockId: MODAL_INPUTS[0]?.key ?? DESTINATION_BLOCK, message: problem };
}

function addError(errors: ModalErrors, blockId: string, message: string): void {
  errors[blockId] = errors[blockId] === undefined ? message : `${errors[blockId]} ${message}`;
}

/**
 * Reads the form into a workload with the same readers and schema the slash command uses. Every
 * input that is wrong gets its own message, keyed by its block for `response_action: errors`.
 */
export function readWorkloadModal(state: ModalState): ModalReading {
  const input: Record<string, unknown> = {};
  const errors: ModalErrors = {};

  for (const entry of MODAL_INPUTS) {
    const reading = readEntry(entry, state);
    if (reading.kind === 'value') input[entry.field] = reading.value;
    if (reading.kind === 'problem') {
      addError(errors, entry.key, inputProblem(reading.problem, reading.key));
    }
  }

  const assembled = assembleWorkload(input as WorkloadInput);
  if (!assembled.ok) {
    for (const problem of assembled.problems) {
      const { blockId, message } = placeProblem(problem);
      if (errors[blockId] === undefined) addError(errors, blockId, message);
    }
  }

  if (Object.keys(errors).length > 0 || !assembled.ok) return { ok: false, errors };
  return { ok: true, workload: assembled.workload };
}

/** The conversation picked in a form that asks where the answer goes. */
export function destinationOf(state: ModalState): string | undefined {
  return valueOf(state, DESTINATION_BLOCK)?.selected_conversation ?? undefined;
}

const ERROR_BLOCKS: Record<WorkloadErrorCode, string> = {
  'unknown-api-model': 'api-model',
  'unknown-open-model': 'open-model',
  'unknown-gpu': 'gpu',
  'unsupported-precision': 'precision',
  'does-not-fit': 'gpus-per-replica',
  'exceeds-context': 'context-tokens',
};

/** A workload the engine cannot evaluate, as a message under the input that decides it. */
export function errorsOfWorkload(error: WorkloadError, workload: Workload): ModalErrors {
  const blockId =
    error.code === 'does-not-fit' && workload.gpusPerReplica === undefined
      ? 'gpu'
      : ERROR_BLOCKS[error.code];
  return { [blockId]: error.message };
}

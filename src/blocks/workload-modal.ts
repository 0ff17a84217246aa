import type { types } from '@slack/bolt';
import { z } from 'zod';
import { CLAUDE_MODELS, findOpenModel, GPUS, OPEN_MODELS } from '../engine/catalog/index.ts';
import {
  CACHE_TTLS,
  PRECISIONS,
  referenceWorkload,
  SCHEDULES,
  TIER_SCHEMES,
  type Workload,
  type WorkloadInput,
  workloadSchema,
} from '../engine/workload.ts';
import { CALLBACK_IDS } from './action-ids.ts';
import { clampText, formatUsd } from './format.ts';
import { type Block, header, section } from './kit.ts';
import { writeModalMetadata } from './modal-metadata.ts';
import {
  CACHE_TTL_WORDS,
  CHEAPEST_FIT,
  COMPLIANCE_OPTION,
  gpuChoice,
  gpuPriceHint,
  MODAL_CLOSE,
  MODAL_EDIT_INTRO,
  MODAL_EDIT_SUBMIT,
  MODAL_EDIT_TITLE,
  MODAL_HINTS,
  MODAL_INTRO,
  MODAL_LABELS,
  MODAL_SECTIONS,
  MODAL_SUBMIT,
  MODAL_TITLE,
  MODEL_DEFAULT_PRECISION,
  REQUEST_UNITS,
  SCHEDULE_WORDS,
  TIER_SCHEME_WORDS,
} from './texts.ts';

type Section = Exclude<keyof typeof MODAL_SECTIONS, 'destination'>;

/** How an input shows its field: a number, a number in percent, a choice or a checkbox. */
export type ModalControl = 'number' | 'percent' | 'select' | 'flag';

export interface ModalInput {
  /** The block id and the action id: the key people type for the field. */
  key: string;
  field: keyof WorkloadInput;
  section: Section;
  control: ModalControl;
  /** Left empty (or on the engine's choice), the engine chooses. */
  optional?: boolean;
}

/** The select beside the requests input: counted a month or a day. */
export const REQUESTS_UNIT_BLOCK = 'requests-unit';
/** The conversation select of a form opened without a channel (shortcut, Home). */
export const DESTINATION_BLOCK = 'destination';
/** A select's value for "let the engine choose" (GPU, precision). */
export const ENGINE_CHOOSES = 'auto';

const SECTIONS: readonly Section[] = [
  'traffic',
  'prompt',
  'caching',
  'api',
  'selfHost',
  'constraints',
];

function input(
  key: string,
  field: keyof WorkloadInput,
  inSection: Section,
  control: ModalControl,
  optional = false,
): ModalInput {
  return { key, field, section: inSection, control, ...(optional ? { optional } : {}) };
}

/** Every input of the form, in order: one for each workload field. */
export const MODAL_INPUTS: readonly ModalInput[] = [
  input('requests-per-month', 'requestsPerMonth', 'traffic', 'number'),
  input('peak-to-average', 'peakToAverage', 'traffic', 'number'),
  input('system-tokens', 'systemTokens', 'prompt', 'number'),
  input('tool-tokens', 'toolTokens', 'prompt', 'number'),
  input('context-tokens', 'contextTokens', 'prompt', 'number'),
  input('user-tokens', 'userTokens', 'prompt', 'number'),
  input('output-tokens', 'outputTokens', 'prompt', 'number'),
  input('agent-steps', 'agentSteps', 'prompt', 'number'),
  input('tool-result-tokens', 'toolResultTokens', 'prompt', 'number'),
  input('cache-hit-rate', 'cacheHitRate', 'caching', 'percent'),
  input('cache-ttl', 'cacheTtl', 'caching', 'select'),
  input('api-model', 'apiModel', 'api', 'select'),
  input('tier-scheme', 'tierScheme', 'api', 'select'),
  input('batch-share', 'batchShare', 'api', 'percent'),
  input('open-model', 'openModel', 'selfHost', 'select'),
  input('gpu', 'gpu', 'selfHost', 'select', true),
  input('gpus-per-replica', 'gpusPerReplica', 'selfHost', 'number', true),
  input('precision', 'precision', 'selfHost', 'select', true),
  input('gpu-hourly-usd', 'gpuHourlyUsd', 'selfHost', 'number', true),
  input('prefill-tps', 'prefillTps', 'selfHost', 'number', true),
  input('decode-tps', 'decodeTps', 'selfHost', 'number', true),
  input('schedule', 'schedule', 'selfHost', 'select'),
  input('autoscale-floor', 'autoscaleFloor', 'selfHost', 'number'),
  input('ops-monthly-usd', 'opsMonthlyUsd', 'selfHost', 'number'),
  input('compliance', 'compliance', 'constraints', 'flag', true),
  input('ttft-target-ms', 'ttftTargetMs', 'constraints', 'number', true),
];

export interface WorkloadModalOptions {
  /** Where the command was typed; without it (and without an audit) the form asks. */
  channelId?: string;
  /** The audit whose inputs are edited: the answer goes into its thread. */
  auditId?: string;
}

type Option = types.PlainTextOption;

function option(value: string, text: string): Option {
  return { text: { type: 'plain_text', text: clampText(text, 75) }, value };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}

function gpuOptions(): Option[] {
  return GPUS.map((gpu) => {
    const [price] = gpu.prices;
    if (price === undefined) return option(gpu.id, gpu.name);
    return option(gpu.id, gpuChoice(gpu.name, formatUsd(price.usdPerHour), price.asOf));
  });
}

function optionsOf(field: keyof WorkloadInput): Option[] {
  switch (field) {
    case 'apiModel':
      return CLAUDE_MODELS.map((model) => option(model.id, model.name));
    case 'openModel':
      return OPEN_MODELS.map((model) => option(model.id, model.name));
    case 'gpu':
      return [option(ENGINE_CHOOSES, CHEAPEST_FIT), ...gpuOptions()];
    case 'precision':
      return [
        option(ENGINE_CHOOSES, MODEL_DEFAULT_PRECISION),
        ...PRECISIONS.map((precision) => option(precision, precision.toUpperCase())),
      ];
    case 'cacheTtl':
      return CACHE_TTLS.map((ttl) => option(ttl, CACHE_TTL_WORDS[ttl]));
    case 'tierScheme':
      return TIER_SCHEMES.map((scheme) => option(scheme, TIER_SCHEME_WORDS[scheme]));
    case 'schedule':
      return SCHEDULES.map((schedule) => option(schedule, SCHEDULE_WORDS[schedule]));
    default:
      return [];
  }
}

/** The select value a workload's field shows: open-model aliases read as the model's id. */
function chosenValue(field: keyof WorkloadInput, workload: Workload): string {
  const value = workload[field as keyof Workload];
  if (value === undefined) return ENGINE_CHOOSES;
  if (field === 'openModel') return findOpenModel(String(value))?.id ?? String(value);
  return String(value);
}

function selectElement(entry: ModalInput, workload: Workload): types.StaticSelect {
  const options = optionsOf(entry.field);
  const chosen = options.find(
    (candidate) => candidate.value === chosenValue(entry.field, workload),
  );
  return {
    type: 'static_select',
    action_id: entry.key,
    options,
    ...(chosen === undefined ? {} : { initial_option: chosen }),
  };
}

function numberSchema(field: keyof WorkloadInput): z.ZodNumber | undefined {
  let schema: z.ZodType = workloadSchema.shape[field];
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) {
    schema = schema.unwrap() as z.ZodType;
  }
  return schema instanceof z.ZodNumber ? schema : undefined;
}

/** A figure as the form shows it: percent for shares, and no float noise (80, not 80.00000001). */
function shown(value: number, scale: number): string {
  return String(Number((value * scale).toPrecision(12)));
}

export interface InputBounds {
  min?: string;
  max?: string;
  integer: boolean;
}

/**
 * A number input's bounds in the form's units (percent for shares), read from the workload
 * schema. Slack's minimum is inclusive, so an exclusive one (a price above zero) is left to the
 * server's check.
 */
export function inputBounds(entry: ModalInput): InputBounds {
  const scale = entry.control === 'percent' ? 100 : 1;
  const schema = numberSchema(entry.field);
  const min = schema?.minValue ?? null;
  const max = schema?.maxValue ?? null;
  const isInclusiveMin = min !== null && schema?.safeParse(min).success === true;
  return {
    ...(isInclusiveMin ? { min: shown(min, scale) } : {}),
    ...(max === null ? {} : { max: shown(max, scale) }),
    integer: schema?.isInt === true,
  };
}

function numberElement(entry: ModalInput, workload: Workload): types.NumberInput {
  const scale = entry.control === 'percent' ? 100 : 1;
  const bounds = inputBounds(entry);
  const value = workload[entry.field as keyof Workload];

  return {
    type: 'number_input',
    action_id: entry.key,
    is_decimal_allowed: !bounds.integer,
    ...(bounds.min === undefined ? {} : { min_value: bounds.min }),
    ...(bounds.max === undefined ? {} : { max_value: bounds.max }),
    ...(typeof value === 'number' ? { initial_value: shown(value, scale) } : {}),
  };
}

function flagElement(entry: ModalInput, workload: Workload): types.Checkboxes {
  const only = option('yes', COMPLIANCE_OPTION);
  const value = workload[entry.field as keyof Workload];
  return {
    type: 'checkboxes',
    action_id: entry.key,
    options: [only],
    ...(value === true ? { initial_options: [only] } : {}),
  };
}

function elementOf(entry: ModalInput, workload: Workload): types.InputBlockElement {
  switch (entry.control) {
    case 'select':
      return selectElement(entry, workload);
    case 'flag':
      return flagElement(entry, workload);
    default:
      return numberElement(entry, workload);
  }
}

function hintOf(key: string): string | undefined {
  if (key !== 'gpu-hourly-usd') return MODAL_HINTS[key];

  const prices = GPUS.flatMap((gpu) => {
    const [price] = gpu.prices;
    if (price === undefined) return [];
    return [`${gpu.id} ${formatUsd(price.usdPerHour)} (${price.vendor}, ${price.asOf})`];
  });
  return gpuPriceHint(prices);
}

function inputBlock(
  key: string,
  element: types.InputBlockElement,
  optional: boolean,
): types.InputBlock {
  const hint = hintOf(key);
  return {
    type: 'input',
    block_id: key,
    label: plain(MODAL_LABELS[key] ?? key),
    element,
    ...(optional ? { optional } : {}),
    ...(hint === undefined ? {} : { hint: plain(clampText(hint, 2_000)) }),
  };
}

function requestsUnitBlock(): types.InputBlock {
  const month = option('month', REQUEST_UNITS.month);
  const unit: types.StaticSelect = {
    type: 'static_select',
    action_id: REQUESTS_UNIT_BLOCK,
    options: [month, option('day', REQUEST_UNITS.day)],
    initial_option: month,
  };
  return inputBlock(REQUESTS_UNIT_BLOCK, unit, false);
}

function sectionBlocks(name: Section, workload: Workload): Block[] {
  const inputs = MODAL_INPUTS.filter((entry) => entry.section === name).flatMap((entry) => {
    const block = inputBlock(entry.key, elementOf(entry, workload), entry.optional === true);
    return entry.field === 'requestsPerMonth' ? [block, requestsUnitBlock()] : [block];
  });
  return [header(MODAL_SECTIONS[name]), ...inputs];
}

function destinationBlocks(): Block[] {
  const picker: types.ConversationsSelect = {
    type: 'conversations_select',
    action_id: DESTINATION_BLOCK,
    filter: { include: ['public', 'private'] },
    default_to_current_conversation: true,
  };
  return [header(MODAL_SECTIONS.destination), inputBlock(DESTINATION_BLOCK, picker, false)];
}

/**
 * The workload form: one input for each workload field, grouped as the issue lists them, each
 * filled from the workload given (the reference profile when none is). Choices come from the
 * catalog. Opened by the command it knows its channel; opened by the shortcut or Home it asks
 * for one; opened by "Edit inputs" it answers in that audit's thread.
 */
export function buildWorkloadModal(
  workload: Workload = referenceWorkload,
  options: WorkloadModalOptions = {},
): types.ModalView {
  const editing = options.auditId !== undefined;
  const asksWhere = !editing && options.channelId === undefined;
  const metadata = writeModalMetadata(
    editing ? { auditId: options.auditId } : { channelId: options.channelId },
  );

  const blocks: Block[] = [
    section(editing ? MODAL_EDIT_INTRO : MODAL_INTRO),
    ...(asksWhere ? destinationBlocks() : []),
    ...SECTIONS.flatMap((name) => sectionBlocks(name, workload)),
  ];

  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.workloadModal,
    title: plain(editing ? MODAL_EDIT_TITLE : MODAL_TITLE),
    submit: plain(editing ? MODAL_EDIT_SUBMIT : MODAL_SUBMIT),
    close: plain(MODAL_CLOSE),
    private_metadata: metadata,
    blocks,
  };
}

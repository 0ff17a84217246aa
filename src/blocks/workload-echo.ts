import { referenceWorkload, type Workload } from '../engine/workload.ts';
import { WORKLOAD_FIELDS, type WorkloadField } from '../input/workload-fields.ts';
import { formatCount, formatMs, formatPercent, formatUsd } from './format.ts';
import { ENGINE_CHOICE, REFERENCE_PROFILE } from './texts.ts';

/** Each field once: requests a day is requests a month, typed differently. */
const FIELDS = WORKLOAD_FIELDS.filter((field) => field.scale === undefined);

function valueOf(workload: Workload, field: WorkloadField): unknown {
  return workload[field.field as keyof Workload];
}

/** A value as a person would type it after `key=`, so the echo can be typed back. */
function typed(field: WorkloadField, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value);

  switch (field.kind) {
    case 'share':
      return `${Number((value * 100).toPrecision(12))}%`;
    case 'milliseconds':
      return `${value}ms`;
    default:
      return String(value);
  }
}

/** A value as people read it: 2K, 80%, $2.99, 300 ms. */
function readable(field: WorkloadField, value: unknown): string {
  if (value === undefined) return ENGINE_CHOICE;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value);

  switch (field.kind) {
    case 'share':
      return formatPercent(value);
    case 'money':
      return formatUsd(value);
    case 'milliseconds':
      return formatMs(value);
    default:
      return formatCount(value);
  }
}

/**
 * A workload as the `key=value` text the command reads, naming only what differs from the
 * reference profile: the echo under an answer made in the form.
 */
export function workloadAsText(workload: Workload): string {
  const pairs = FIELDS.filter(
    (field) => valueOf(workload, field) !== valueOf(referenceWorkload, field),
  ).map((field) => `${field.key}=${typed(field, valueOf(workload, field))}`);
  return pairs.length === 0 ? REFERENCE_PROFILE : pairs.join(', ');
}

/** The inputs that differ between two workloads: `output-tokens 2K → 3K`. */
export function inputChanges(before: Workload, after: Workload): string[] {
  return FIELDS.filter((field) => valueOf(before, field) !== valueOf(after, field)).map(
    (field) =>
      `${field.key} ${readable(field, valueOf(before, field))} → ` +
      readable(field, valueOf(after, field)),
  );
}

import { describe, expect, it } from 'vitest';
import { buildWorkloadModal } from '../../src/blocks/workload-modal.ts';
import { WorkloadError } from '../../src/engine/errors.ts';
import { referenceWorkload, workloadSchema } from '../../src/engine/workload.ts';
import {
  destinationOf,
  errorsOfWorkload,
  type ModalState,
  readWorkloadModal,
} from '../../src/handlers/workload-modal-values.ts';
import { ANSWER_VARIANTS } from '../support/answer-reports.ts';
import { viewSubmission } from '../support/interactivity.ts';

type Json = Record<string, unknown>;

/** The state Slack's client sends for the form, with some inputs typed over. */
function submitted(typed: Record<string, string> = {}, view = buildWorkloadModal()): ModalState {
  const payload = viewSubmission(view as unknown as Json, typed);
  return ((payload.view as Json).state as { values: ModalState }).values;
}

describe('readWorkloadModal', () => {
  it('reads the untouched form as the reference profile', () => {
    expect(readWorkloadModal(submitted())).toEqual({ ok: true, workload: referenceWorkload });
  });

  it.each(Object.entries(ANSWER_VARIANTS))('reads back the form filled with %s', (_name, input) => {
    const workload = workloadSchema.parse(input);

    const reading = readWorkloadModal(submitted({}, buildWorkloadModal(workload)));

    expect(reading).toEqual({ ok: true, workload });
  });

  it('counts requests a day thirty times for the month, and shares in percent', () => {
    const reading = readWorkloadModal(
      submitted({ 'requests-per-month': '50000', 'requests-unit': 'day', 'cache-hit-rate': '65' }),
    );

    expect(reading).toMatchObject({
      ok: true,
      workload: { requestsPerMonth: 1_500_000, cacheHitRate: 0.65 },
    });
  });

  it('leaves the GPU, its count and the latency target to the engine when left empty', () => {
    const view = buildWorkloadModal(
      workloadSchema.parse({ gpu: 'h200', gpusPerReplica: 4, ttftTargetMs: 300 }),
    );

    const reading = readWorkloadModal(
      submitted({ gpu: 'auto', 'gpus-per-replica': '', 'ttft-target-ms': '' }, view),
    );

    if (!reading.ok) throw new Error('form not read');
    expect(reading.workload.gpu).toBeUndefined();
    expect(reading.workload.gpusPerReplica).toBeUndefined();
    expect(reading.workload.ttftTargetMs).toBeUndefined();
  });

  it('gives every bad input its own message, keyed by its block', () => {
    const reading = readWorkloadModal(
      submitted({
        'output-tokens': '0',
        'cache-hit-rate': '150',
        'gpus-per-replica': '1.5',
        'api-model': 'gpt-5',
        'peak-to-average': 'lots',
        'requests-per-month': '',
      }),
    );

    expect(reading).toMatchInlineSnapshot(`
      {
        "errors": {
          "api-model": ""gpt-5" is not one of claude-opus-4-7, claude-opus-4-6, claude-opus-4-5, claude-opus-4-1, claude-sonnet-4-6, claude-sonnet-4-5, claude-haiku-4-5.",
          "cache-hit-rate": "Must be from 0% to 100%.",
          "gpus-per-replica": "Must be a whole number.",
          "output-tokens": "Must be at least 1.",
          "peak-to-average": ""lots" is not a number (write 1500, 1.5k or 1.5M).",
          "requests-per-month": "Fill this in.",
        },
        "ok": false,
      }
    `);
  });

  it('names requests a day under the requests input', () => {
    const reading = readWorkloadModal(
      submitted({ 'requests-per-month': '1e12', 'requests-unit': 'day' }),
    );

    expect(reading).toEqual({
      ok: false,
      errors: { 'requests-per-month': 'Must be at most 1000000000000.' },
    });
  });
});

describe('destinationOf', () => {
  it('reads the conversation picked in a form that asks', () => {
    expect(destinationOf(submitted({ destination: 'C0PICKED' }))).toBe('C0PICKED');
    expect(destinationOf(submitted({}, buildWorkloadModal(undefined, { channelId: 'C1' })))).toBe(
      undefined,
    );
  });
});

describe('errorsOfWorkload', () => {
  it('puts a workload that does not fit under the input that decides it', () => {
    const error = new WorkloadError('does-not-fit', 'Llama 4 Maverick does not fit on 1 GPU.');

    expect(errorsOfWorkload(error, workloadSchema.parse({ gpusPerReplica: 1 }))).toEqual({
      'gpus-per-replica': 'Llama 4 Maverick does not fit on 1 GPU.',
    });
    expect(errorsOfWorkload(error, referenceWorkload)).toEqual({
      gpu: 'Llama 4 Maverick does not fit on 1 GPU.',
    });
  });
});

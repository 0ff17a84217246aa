import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorkloadModal,
  DESTINATION_BLOCK,
  MODAL_INPUTS,
} from '../../src/blocks/workload-modal.ts';
import { workloadModalSubmission } from '../../src/handlers/workload-modal-submission.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { captureLogs } from '../support/captured-logs.ts';
import { viewSubmission } from '../support/interactivity.ts';
import { TEST_DATE } from '../support/workloads.ts';

const RUNS = 10_000;
const TEAM = { teamId: 'T0001' };
const BLOCKS = new Set([...MODAL_INPUTS.map((entry) => entry.key), DESTINATION_BLOCK]);
/** Pings and forged links must never reach a posted message from a person's input. */
const SLACK_CONTROL = /<!(channel|here|everyone)|<@U(?!0001>)|<#C|<https?:|<mailto:/;

const text = fc.oneof(
  fc.constantFrom('', '0', '-1', '1e400', '1.5M', '80', '100', '3', 'NaN', '9'.repeat(40)),
  fc.constantFrom('auto', 'claude-opus-4-7', 'gpt-oss-120b', 'h200', 'fp4', '1h', 'autoscale'),
  fc.integer({ min: -1e6, max: 1e12 }).map(String),
  fc.double().map(String),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 8 }).map((seed) => seed.repeat(500).slice(0, 4_000)),
  fc.constantFrom('<!channel>', '<@U999>', '<https://evil.example|x>', '*b* `c`'),
);

/**
 * The form as the app opens it, with a few inputs changed to generated text: Slack's client
 * sends back whatever a person (or a forged client) put there.
 */
const FORM = buildWorkloadModal(undefined, { channelId: 'C0001' }) as unknown as Record<
  string,
  unknown
>;
const submittedState = fc
  .dictionary(fc.constantFrom(...MODAL_INPUTS.map((entry) => entry.key)), text, { maxKeys: 4 })
  .map((typed) => {
    const view = viewSubmission(FORM, typed).view as { state: { values: object } };
    return view.state.values as Record<string, unknown>;
  });

/** Each run answers into a channel of its own, so what it stored can be counted alone. */
const OWN_CHANNEL = 'own-channel';
let runs = 0;

const metadata = fc.oneof(
  fc.constant(OWN_CHANNEL),
  fc.string({ maxLength: 60 }),
  fc.constant('{"auditId":"<!channel>"}'),
);

let store: Store;
const logs = captureLogs('error');

beforeAll(async () => {
  store = await openStore(':memory:');
});

afterAll(async () => {
  await store.close();
});

interface Outcome {
  acks: unknown[];
  posted: Record<string, unknown>[];
}

async function submit(values: Record<string, unknown>, privateMetadata: string): Promise<Outcome> {
  const outcome: Outcome = { acks: [], posted: [] };
  const post = async (args: Record<string, unknown>) => {
    outcome.posted.push(args);
    return { ok: true, ts: `1764579600.${String(outcome.posted.length).padStart(6, '0')}` };
  };
  const listener = workloadModalSubmission({
    logger: logs.logger,
    store,
    now: () => TEST_DATE,
    chart: { render: async () => Buffer.from('png') },
    reauditAfterMs: 90 * 86_400_000,
  });
  await listener({
    ack: async (response?: unknown) => {
      outcome.acks.push(response ?? null);
    },
    body: {
      type: 'view_submission',
      team: { id: TEAM.teamId },
      user: { id: 'U0001' },
      view: { state: { values }, private_metadata: privateMetadata },
    },
    client: {
      chat: { postMessage: post, postEphemeral: post },
      files: { uploadV2: async () => ({ ok: true }) },
    },
  } as unknown as Parameters<typeof listener>[0]);
  return outcome;
}

describe('the workload form under generated submissions', () => {
  it('acks once, never throws, names each bad input by its block and stores nothing then', async () => {
    await fc.assert(
      fc.asyncProperty(submittedState, metadata, async (values, generated) => {
        runs += 1;
        const channelId = `C${String(runs).padStart(6, '0')}`;
        const privateMetadata =
          generated === OWN_CHANNEL ? JSON.stringify({ channelId }) : generated;
        const outcome = await submit(values, privateMetadata);
        const stored = (await store.audits.listByChannel(TEAM, channelId)).length;

        expect(outcome.acks).toHaveLength(1);
        const [ack] = outcome.acks as ({ response_action?: string; errors?: object } | null)[];
        if (ack?.response_action === 'errors') {
          const errors = Object.entries(ack.errors ?? {});
          expect(errors.length).toBeGreaterThan(0);
          for (const [block, message] of errors) {
            expect(BLOCKS.has(block)).toBe(true);
            expect(String(message).length).toBeGreaterThan(0);
          }
          expect(outcome.posted).toEqual([]);
          expect(stored).toBe(0);
        } else if (generated === OWN_CHANNEL) {
          expect(stored).toBe(1);
        }
        // Errors under inputs are plain text, which Slack never turns into pings or links;
        // posted messages are mrkdwn, where input must arrive escaped.
        expect(JSON.stringify(outcome.posted)).not.toMatch(SLACK_CONTROL);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfhostCheckCommand } from '../../src/handlers/selfhost-check-command.ts';
import { WORKLOAD_FIELDS } from '../../src/input/workload-fields.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { captureLogs } from '../support/captured-logs.ts';
import { TEST_DATE } from '../support/workloads.ts';

const RUNS = 10_000;
const TEAM = { teamId: 'T0001' };

/**
 * What must never reach Slack unescaped from a person's text: pings and forged links. The app's
 * own mention of the asker (<@U0001>) is the one mention it writes.
 */
const SLACK_CONTROL = /<!(channel|here|everyone)|<@U(?!0001>)|<#C|<https?:|<mailto:/;

const injection = fc.constantFrom(
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123ABC>',
  '<#C123|general>',
  '<https://evil.example|click here>',
  '*bold* _it_ ~s~ `code`',
  '&amp; &lt;',
);

const figure = fc.oneof(
  fc.integer({ min: -1e9, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('0', '-5', '1e400', '1.5M', '50k', '80%', '999999999999999999999'),
);

const part = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .tuple(fc.constantFrom(...WORKLOAD_FIELDS.map((field) => field.key)), figure)
    .map(([key, value]) => `${key}=${value}`),
  fc
    .tuple(figure, fc.constantFrom('requests/month', 'output', 'cache', 'system', 'steps'))
    .map(([value, word]) => `${value} ${word}`),
  injection,
);

const commandText = fc.oneof(
  fc.array(part, { maxLength: 10 }).map((parts) => parts.join(', ')),
  fc.string({ maxLength: 10 }).map((seed) => seed.repeat(400).slice(0, 4_000)),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

interface Run {
  /** Forms opened: an empty text opens the workload form. */
  opened: number;
  order: string[];
  posted: Record<string, unknown>[];
  replies: Record<string, unknown>[];
}

let store: Store;
const logs = captureLogs('warn');

beforeAll(async () => {
  store = await openStore(':memory:');
});

afterAll(async () => {
  await store.close();
});

let runs = 0;

/**
 * Runs the listener as Bolt would, with Slack faked at its edge (a client and a responder), in
 * a channel of its own so what it stored can be counted alone.
 */
async function run(text: string, channelId = 'C0001'): Promise<Run> {
  const result: Run = { opened: 0, order: [], posted: [], replies: [] };
  const client = {
    chat: {
      postMessage: async (args: Record<string, unknown>) => {
        result.order.push('post');
        result.posted.push(args);
        return { ok: true, ts: `1764579600.${String(result.posted.length).padStart(6, '0')}` };
      },
    },
    files: { uploadV2: async () => ({ ok: true, files: [] }) },
    views: {
      open: async () => {
        result.opened += 1;
        return { ok: true };
      },
    },
  };
  const listener = selfhostCheckCommand({
    logger: logs.logger,
    store,
    now: () => TEST_DATE,
    chart: { render: async () => Buffer.from('png') },
    reauditAfterMs: 90 * 86_400_000,
  });

  await listener({
    command: {
      text,
      team_id: TEAM.teamId,
      channel_id: channelId,
      user_id: 'U0001',
    },
    ack: async () => {
      result.order.push('ack');
    },
    respond: async (reply: Record<string, unknown>) => {
      result.order.push('respond');
      result.replies.push(reply);
    },
    client,
    context: {},
  } as unknown as Parameters<typeof listener>[0]);
  return result;
}

describe('/selfhost-check under generated text', () => {
  it('acks first, never throws, and stores nothing for what it rejects', async () => {
    await fc.assert(
      fc.asyncProperty(commandText, async (text) => {
        runs += 1;
        const channelId = `C${String(runs).padStart(6, '0')}`;
        const result = await run(text, channelId);
        const stored = (await store.audits.listByChannel(TEAM, channelId)).length;

        expect(result.order[0]).toBe('ack');
        expect(result.order.filter((step) => step === 'ack')).toHaveLength(1);
        if (result.posted.length === 0) {
          expect(result.replies.length + result.opened).toBe(1);
          expect(stored).toBe(0);
        } else {
          expect(stored).toBe(1);
        }
        const shown = JSON.stringify([...result.posted, ...result.replies]);
        expect(shown).not.toMatch(SLACK_CONTROL);
      }),
      { numRuns: RUNS },
    );
  }, 240_000);

  it('names what was wrong in every rejection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 6 }), async (parts) => {
        const text = `${parts.join(', ')}, colour=blue`;
        const result = await run(text);
        expect(result.posted).toEqual([]);
        expect(JSON.stringify(result.replies)).toContain('Unknown key');
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});

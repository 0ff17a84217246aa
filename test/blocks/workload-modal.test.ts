import { describe, expect, it } from 'vitest';
import {
  buildWorkloadModal,
  DESTINATION_BLOCK,
  MODAL_INPUTS,
} from '../../src/blocks/workload-modal.ts';
import { workloadSchema } from '../../src/engine/workload.ts';
import { ANSWER_VARIANTS } from '../support/answer-reports.ts';
import { viewProblems } from '../support/block-limits.ts';
import { outlineView } from '../support/outline.ts';

type Json = Record<string, unknown>;

function inputBlock(view: { blocks: unknown[] }, blockId: string): Json {
  const found = view.blocks.find((block) => (block as Json).block_id === blockId);
  if (found === undefined) throw new Error(`no block ${blockId}`);
  return (found as Json).element as Json;
}

const EXTREME = workloadSchema.parse({
  requestsPerMonth: 1e12,
  peakToAverage: 100,
  systemTokens: 2_000_000,
  outputTokens: 1_000_000,
  cacheHitRate: 0.0333333333333,
  gpu: 'b200',
  gpusPerReplica: 64,
  precision: 'fp4',
  gpuHourlyUsd: 999.99,
  prefillTps: 1e9,
  decodeTps: 1e9,
  ttftTargetMs: 600_000,
  compliance: true,
  openModel: 'maverick',
});

describe('buildWorkloadModal', () => {
  it('lays out the form from the reference profile, its choices from the catalog', () => {
    expect(
      outlineView(buildWorkloadModal(undefined, { channelId: 'C0001' }) as unknown as Json),
    ).toMatchInlineSnapshot(`
        [
          "modal "Self-host check" [Check] [Cancel] callback workload_modal metadata {"channelId":"C0001"}",
          "Describe the agent workload. Every field starts at the reference profile; change what differs and I answer in a thread with a recommendation, the figures and a chart.",
          "# Traffic",
          "[requests-per-month] Requests: decimal 1..1000000000000 = 1500000",
          "[requests-unit] Counted per: select = Month (month); Month (month) | Day (×30 for a month) (day)",
          "[peak-to-average] Peak minute over the average: decimal 1..100 = 1",
          "    hint: How much busier the busiest minute is than the average: 3 means three times. It sizes the cluster and the rate-limit tier.",
          "# Prompt shape, tokens per request",
          "[system-tokens] System prompt: whole number 0..2000000 = 4000",
          "    hint: Part of the stable prefix that prompt caching serves.",
          "[tool-tokens] Tool definitions: whole number 0..2000000 = 8000",
          "    hint: Part of the stable prefix that prompt caching serves.",
          "[context-tokens] Retrieved context: whole number 0..2000000 = 1500",
          "[user-tokens] User message: whole number 0..2000000 = 500",
          "[output-tokens] Output: whole number 1..1000000 = 2000",
          "[agent-steps] Agent steps per task: whole number 1..1000 = 1",
          "    hint: Requests one agent task makes; 1 for a single call.",
          "[tool-result-tokens] Tool result per step: whole number 0..1000000 = 0",
          "    hint: Tokens each tool call adds to the next step's context.",
          "# Prompt caching",
          "[cache-hit-rate] Cache hit rate, %: decimal 0..100 = 80",
          "    hint: Share of requests whose system prompt and tool definitions are read from cache.",
          "[cache-ttl] Cache lifetime: select = 5 minutes (5m); 5 minutes (5m) | 1 hour (1h)",
          "# Claude API",
          "[api-model] Claude model: select = Claude Sonnet 4.6 (claude-sonnet-4-6); Claude Opus 4.7 (claude-opus-4-7) | Claude Opus 4.6 (claude-opus-4-6) | Claude Opus 4.5 (claude-opus-4-5) | Claude Opus 4.1 (claude-opus-4-1) | Claude Sonnet 4.6 (claude-sonnet-4-6) | Claude Sonnet 4.5 (claude-sonnet-4-5) | Claude Haiku 4.5 (claude-haiku-4-5)",
          "[tier-scheme] Rate-limit tiers: select = Start, Build, Scale (start-build-scale); Tiers 1 to 4 (tiers-1-4) | Start, Build, Scale (start-build-scale)",
          "    hint: Start, Build, Scale is Anthropic's current scheme; tiers 1 to 4 the older one.",
          "[batch-share] Batch API share, %: decimal 0..100 = 0",
          "    hint: Requests sent through the Batch API: half price, outside the per-minute limits.",
          "# Self-host",
          "[open-model] Open-weight model: select = Llama 4 Maverick (400B, 17B active) (llama-4-maverick); Llama 4 Maverick (400B, 17B active) (llama-4-maverick) | Llama 4 Scout (109B, 17B active) (llama-4-scout) | DeepSeek V3 / R1 (671B, 37B active) (deepseek-v3) | Mistral Large 3 (675B, 41B active) (mistral-large-3) | Llama 3.3 70B (dense) (llama-3.3-70b) | Qwen3-235B-A22B (235B, 22B active) (qwen3-235b-a22b) | gpt-oss-120b (117B, 5.1B active) (gpt-oss-120b)",
          "[gpu] GPU (optional): select = Cheapest fit (I choose) (auto); Cheapest fit (I choose) (auto) | NVIDIA H100 SXM 80GB · $3.29/GPU-hour, 2026-11-01 (h100-sxm) | NVIDIA H100 PCIe 80GB · $2.89/GPU-hour, 2026-01-01 (h100-pcie) | NVIDIA H200 SXM 141GB · $4.59/GPU-hour, 2026-10-01 (h200) | NVIDIA B200 180GB · $6.79/GPU-hour, 2026-01-01 (b200) | NVIDIA A100 SXM 80GB · $1.59/GPU-hour, 2026-01-01 (a100-80gb) | NVIDIA L40S 48GB · $1.09/GPU-hour, 2026-01-01 (l40s)",
          "    hint: Cheapest fit lets me pick the GPU and how many one replica needs.",
          "[gpus-per-replica] GPUs per replica (optional): whole number 1..64",
          "    hint: Leave empty and I pick the fewest that fit.",
          "[precision] Precision (optional): select = The model's default (auto); The model's default (auto) | FP4 (fp4) | FP8 (fp8) | BF16 (bf16)",
          "    hint: The model's default is the first precision its weights are published in.",
          "[gpu-hourly-usd] Price of one GPU-hour, $ (optional): decimal ..1000",
          "    hint: Leave empty for the catalog's price: h100-sxm $3.29 (Runpod (secure cloud), 2026-11-01); h100-pcie $2.89 (Runpod (secure cloud), 2026-01-01); h200 $4.59 (Runpod (secure cloud), 2026-10-01); b200 $6.79 (Runpod (secure cloud), 2026-01-01); a100-80gb $1.59 (Runpod (secure cloud), 2026-01-01); l40s $1.09 (Runpod (secure cloud), 2026-01-01).",
          "[prefill-tps] Measured prefill, tokens/s a replica (optional): decimal ..1000000000",
          "    hint: Measured on one replica of this model and GPU; leave empty and I estimate it.",
          "[decode-tps] Measured decode, tokens/s a replica (optional): decimal ..1000000000",
          "    hint: Measured on one replica of this model and GPU; leave empty and I estimate it.",
          "[schedule] Schedule: select = always on (always); always on (always) | business hours only (business-hours) | autoscaled (autoscale)",
          "[autoscale-floor] Fewest replicas when autoscaled: whole number 0..10000 = 1",
          "[ops-monthly-usd] Operating cost, $ a month: decimal 0..100000000 = 15000",
          "    hint: Engineering time to run the cluster.",
          "# Constraints",
          "[compliance] Data (optional): [ ] Must stay in-house (self-host whatever the cost)",
          "[ttft-target-ms] Time-to-first-token target, ms (optional): decimal ..600000",
          "    hint: Leave empty for no target.",
        ]
      `);
  });

  it('asks where the answer goes when it knows no channel', () => {
    const lines = outlineView(buildWorkloadModal() as unknown as Json);

    expect(lines.slice(0, 5)).toMatchInlineSnapshot(`
      [
        "modal "Self-host check" [Check] [Cancel] callback workload_modal metadata {}",
        "Describe the agent workload. Every field starts at the reference profile; change what differs and I answer in a thread with a recommendation, the figures and a chart.",
        "# Where the answer goes",
        "[destination] Post the answer in: conversation picker",
        "    hint: A channel I am in; /invite @selfhost-check there adds me.",
      ]
    `);
  });

  it("fills an edited audit's inputs and carries only its id, never the workload", () => {
    const view = buildWorkloadModal(EXTREME, { auditId: 'a1b2c3d4e5f6g7h8' });

    expect(view.private_metadata).toBe('{"auditId":"a1b2c3d4e5f6g7h8"}');
    expect(outlineView(view as unknown as Json).slice(0, 2)).toMatchInlineSnapshot(`
      [
        "modal "Edit inputs" [Check again] [Cancel] callback workload_modal metadata {"auditId":"a1b2c3d4e5f6g7h8"}",
        "The inputs of this answer. Change what differs: I answer in the same thread and say what changed since the previous answer there.",
      ]
    `);
    expect(inputBlock(view, 'open-model').initial_option).toMatchObject({
      value: 'llama-4-maverick',
    });
    expect(inputBlock(view, 'cache-hit-rate').initial_value).toBe('3.33333333333');
    expect(inputBlock(view, 'compliance').initial_options).toHaveLength(1);
    expect(view.blocks.some((block) => block.block_id === DESTINATION_BLOCK)).toBe(false);
  });

  it('leaves the inputs the engine may choose empty, or on its choice', () => {
    const view = buildWorkloadModal();

    expect(inputBlock(view, 'gpu').initial_option).toMatchObject({ value: 'auto' });
    expect(inputBlock(view, 'precision').initial_option).toMatchObject({ value: 'auto' });
    expect(inputBlock(view, 'gpus-per-replica').initial_value).toBeUndefined();
    expect(inputBlock(view, 'ttft-target-ms').initial_value).toBeUndefined();
  });

  it("takes each number input's bounds from the workload schema", () => {
    const view = buildWorkloadModal();

    expect(inputBlock(view, 'output-tokens')).toMatchObject({
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '1000000',
    });
    expect(inputBlock(view, 'cache-hit-rate')).toMatchObject({
      is_decimal_allowed: true,
      min_value: '0',
      max_value: '100',
    });
    // The schema wants a price above zero: Slack's minimum is inclusive, so the server checks it.
    expect(inputBlock(view, 'gpu-hourly-usd').min_value).toBeUndefined();
    expect(inputBlock(view, 'gpu-hourly-usd').max_value).toBe('1000');
  });

  it('has an input for every workload field, so an edit loses none', () => {
    const fields = Object.keys(workloadSchema.shape).sort();

    expect(MODAL_INPUTS.map((entry) => entry.field).sort()).toEqual(fields);
  });

  const forms: [string, ReturnType<typeof buildWorkloadModal>][] = [
    ['new, asking where', buildWorkloadModal()],
    ['from the command', buildWorkloadModal(undefined, { channelId: 'C0001' })],
    ['editing extreme values', buildWorkloadModal(EXTREME, { auditId: 'x'.repeat(64) })],
    ...Object.entries(ANSWER_VARIANTS).map(
      ([name, input]) =>
        [name, buildWorkloadModal(workloadSchema.parse(input), { auditId: 'a' })] as [
          string,
          ReturnType<typeof buildWorkloadModal>,
        ],
    ),
  ];

  it.each(forms)('keeps the form %s within Slack limits', (_name, view) => {
    expect(viewProblems(view as unknown as Json)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});

import { describe, expect, it } from 'vitest';
import { buildAnswerThread } from '../../src/blocks/answer-thread.ts';
import { BAND_TITLES, NO_CROSSOVER } from '../../src/blocks/texts.ts';
import { reportFor } from '../support/workloads.ts';

const OPTIONS = { reauditDue: new Date('2027-03-01T09:00:00Z') };

function shown(input: Parameters<typeof reportFor>[0] = {}): string {
  return JSON.stringify(buildAnswerThread(reportFor(input), OPTIONS).blocks);
}

describe('buildAnswerThread', () => {
  it('lays out the band, the figures, the reasons and the details', () => {
    expect(buildAnswerThread(reportFor(), OPTIONS)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "Evaluate self-hosting",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "Self-hosting would save real money, but not so much that cost alone decides. Cache hit rate, the latency tail, quality on your own tasks and who runs the cluster decide: run a trial before moving.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "fields": [
              {
                "text": "*Claude API* · Claude Sonnet 4.6
      $71.8K/mo",
                "type": "mrkdwn",
              },
              {
                "text": "*Self-host* · Llama 4 Maverick (400B, 17B active)
      $28.2K/mo with $15K/mo operations
      $13.2K/mo GPUs only",
                "type": "mrkdwn",
              },
              {
                "text": "*Per request*
      API $0.0479
      Self-host $0.00881 GPUs, $0.0188 loaded",
                "type": "mrkdwn",
              },
              {
                "text": "*Cluster*
      1 replica × 4 NVIDIA H200 SXM 141GB = 4 GPUs, fp8 (cheapest fit)
      always on, 55% utilised",
                "type": "mrkdwn",
              },
              {
                "text": "*Crossover, GPUs only*
      276K requests/mo",
                "type": "mrkdwn",
              },
              {
                "text": "*Crossover, with operations*
      589K requests/mo",
                "type": "mrkdwn",
              },
            ],
            "type": "section",
          },
          {
            "text": {
              "text": "*Why*
      • At 1.5M requests a month the API costs $71.8K ($0.0479 a request); 1 replica of Llama 4 Maverick (400B, 17B active) on 4 × NVIDIA H200 SXM 141GB (fp8) cost $13.2K in GPUs, $28.2K with $15K of operations a month.
      • Self-hosting breaks even at 276K on GPUs alone, 589K requests a month with operations; this workload runs at 2.55× that. Well past break-even self-hosting saves money; quality, latency and operations decide.
      • The peak minute needs 34.7 requests, 153K uncached input and 69.4K output tokens: Start carries it with 5.76× headroom (automatic placement from usage history (new organisations start lower)).
      • API first token 500 ms typical, 5 s in the tail; self-hosted 125 ms at 11 requests in flight per replica.
      • A 90% cache hit rate instead of 80% moves break-even from 589K to 645K requests a month.
      • Llama 4 Maverick (400B, 17B active) is a published stand-in for Claude's sonnet tier: 2-5 points behind on reasoning benchmarks, more on complex instruction following and tool-use schema adherence; expect prompt re-tuning and more tool-call format retries.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "type": "divider",
          },
          {
            "text": {
              "text": "*Rate limits (start-build-scale, as of 2026-10-15)*
      Peak minute needs 34.7 requests, 153K input tokens and 69.4K output tokens a minute: fits the Start tier: automatic placement from usage history (new organisations start lower).",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*Latency*
      API first token: p50 500 ms, p99 5 s (reference article (2026): US-East, tail during regional capacity events, 2026-05-01)
      Self-host: first token ~125 ms, 10 ms a token, 11 requests in flight a replica at peak",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*What moves the crossover, requests/mo with operations*
      Cache hit rate: 50% → 468K · 70% → 542K · 80% → 589K · 90% → 645K · 95% → 677K
      GPU price: $2.29/h → 451K · $3.44/h → 520K · $4.59/h → 589K · $6.88/h → 727K · $9.18/h → 865K",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*Quality*
      Llama 4 Maverick (400B, 17B active) is a published stand-in for Claude Sonnet-class models. Expected gap: 2-5 points behind on reasoning benchmarks, more on complex instruction following and tool-use schema adherence; expect prompt re-tuning and more tool-call format retries.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Catalog as of 2026-11-01 · API prices as of 2026-09-23 · GPU price $4.59/GPU-hour, Runpod (secure cloud) (runpod.io/pricing via DOMAIN.md), 2026-10-01",
                "type": "mrkdwn",
              },
              {
                "text": "Re-audit due <!date^1803891600^{date_long}|2027-03-01>: prices and GPU rates move, so check again each quarter.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Evaluate self-hosting. Crossover with operations: 589K requests/mo. Re-audit due 2027-03-01: prices and GPU rates move, so check again each quarter.",
      }
    `);
  });

  it('opens with the band as a header', () => {
    const { blocks } = buildAnswerThread(reportFor({ requestsPerMonth: 50_000 }), OPTIONS);

    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: BAND_TITLES['stay-on-api'] },
    });
  });

  it('shows the per-task cost of an agent and whether each side meets the latency target', () => {
    const text = shown({ agentSteps: 6, toolResultTokens: 3_000, ttftTargetMs: 800 });

    expect(text).toContain('*Per agent task*\\n6 steps');
    expect(text).toMatch(/Target 800 ms: API (meets|misses) it, self-host (meets|misses) it/);
  });

  it('says when no published rate-limit tier carries the peak minute', () => {
    const text = shown({ tierScheme: 'tiers-1-4', requestsPerMonth: 500_000_000 });

    expect(text).toContain('no published tier fits');
  });

  it('names the catalog date and the re-audit date', () => {
    const report = reportFor();
    const text = shown();

    expect(text).toContain(`Catalog as of ${report.catalog.asOf}`);
    expect(text).toContain('Re-audit due <!date^1803891600^{date_long}|2027-03-01>');
  });

  it('writes a missing crossover in words', () => {
    const report = reportFor();
    const noCrossing = {
      ...report,
      crossover: { requestsPerMonth: null, requestsPerMonthLoaded: null },
    };

    const text = JSON.stringify(buildAnswerThread(noCrossing, OPTIONS).blocks);

    expect(text).toContain(`*Crossover, GPUs only*\\n${NO_CROSSOVER}`);
  });
});

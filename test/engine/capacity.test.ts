import { describe, expect, it } from 'vitest';
import {
  expectedDistinctExperts,
  latencyAt,
  type RequestShape,
  replicaCapacity,
  supportsPrecision,
} from '../../src/engine/capacity.ts';
import { findGpu } from '../../src/engine/catalog/gpus.ts';
import { findOpenModel } from '../../src/engine/catalog/open-models.ts';
import { replica } from '../support/replicas.ts';

const AGENT: RequestShape = { inputTokens: 14_000, outputTokens: 2_000, cachedPrefixTokens: 9_600 };

/** Output tokens a second at this many sequences, the prompt already cached (decode alone). */
function decodeRate(concurrency: number): number {
  const spec = replica('llama-3.3-70b', 'h100-sxm', 2);
  const shape = { inputTokens: 2_000, outputTokens: 500, cachedPrefixTokens: 2_000 };

  return concurrency / (latencyAt(spec, shape, concurrency).tpotMs / 1000);
}

describe('expectedDistinctExperts', () => {
  it('touches k experts for one token and none for no tokens', () => {
    expect(expectedDistinctExperts(256, 8, 1)).toBeCloseTo(8, 9);
    expect(expectedDistinctExperts(256, 8, 0)).toBe(0);
  });

  it('grows with the batch and never passes the expert count', () => {
    const touched = [1, 4, 16, 64, 256, 1024].map((n) => expectedDistinctExperts(128, 1, n));

    for (let i = 1; i < touched.length; i += 1) {
      expect(touched[i]).toBeGreaterThan(touched[i - 1] ?? 0);
    }
    expect(touched.at(-1)).toBeLessThanOrEqual(128);
    expect(touched.at(-1)).toBeGreaterThan(127);
  });
});

describe('decode throughput', () => {
  it('rises with the batch while the weights are read once a step', () => {
    expect(decodeRate(8)).toBeGreaterThan(6 * decodeRate(1));
  });

  it('saturates once the batch is compute- and KV-bound', () => {
    const early = decodeRate(16) / decodeRate(8);
    const late = decodeRate(64) / decodeRate(32);

    expect(late).toBeLessThan(early);
    expect(decodeRate(64)).toBeGreaterThan(decodeRate(32));
  });
});

describe('replicaCapacity', () => {
  it('answers the contract fields for Maverick on 8x H100 with the agent profile', () => {
    const capacity = replicaCapacity(replica('llama-4-maverick', 'h100-sxm', 8), AGENT);

    expect(capacity).toMatchObject({ fits: true, minGpus: 8 });
    expect(capacity.maxConcurrency).toBeGreaterThan(50);
    expect(capacity.prefillTokensPerSecond).toBeGreaterThan(capacity.decodeTokensPerSecond);
    expect(capacity.requestsPerSecond).toBeGreaterThan(0);
    expect(capacity.maxOutputTokensPerSecondPerGpu * 8).toBeCloseTo(
      capacity.requestsPerSecond * AGENT.outputTokens,
      6,
    );
  });

  it('serves more requests when the prefix cache spares prefill', () => {
    const spec = replica('llama-3.3-70b', 'h100-sxm', 2);
    const cold = replicaCapacity(spec, { ...AGENT, cachedPrefixTokens: 0 });
    const warm = replicaCapacity(spec, AGENT);

    expect(warm.requestsPerSecond).toBeGreaterThan(cold.requestsPerSecond);
    expect(warm.maxConcurrency).toBeGreaterThan(cold.maxConcurrency);
  });

  it('reports no capacity when the model does not fit', () => {
    const capacity = replicaCapacity(replica('deepseek-v3', 'h100-sxm', 8), AGENT);

    expect(capacity).toMatchObject({ fits: false, minGpus: 16, requestsPerSecond: 0 });
  });

  it("serves nothing longer than the model's context", () => {
    const shape = { inputTokens: 40_000, outputTokens: 1_000 };
    const capacity = replicaCapacity(replica('qwen3-235b-a22b', 'h200', 4), shape);

    expect(capacity.fits).toBe(true);
    expect(capacity.maxConcurrency).toBe(0);
  });
});

describe('latencyAt', () => {
  const spec = replica('llama-3.3-70b', 'h100-sxm', 2);
  const shape = { inputTokens: 5_000, outputTokens: 500 };

  it('takes a few hundred milliseconds to prefill 5,000 tokens alone', () => {
    const { ttftMs, tpotMs } = latencyAt(spec, shape, 1);

    expect(ttftMs).toBeGreaterThan(200);
    expect(ttftMs).toBeLessThan(800);
    expect(tpotMs).toBeGreaterThan(10);
    expect(tpotMs).toBeLessThan(30);
  });

  it('slows both figures as concurrency grows', () => {
    const one = latencyAt(spec, shape, 1);
    const many = latencyAt(spec, shape, 50);

    expect(many.ttftMs).toBeGreaterThan(one.ttftMs);
    expect(many.tpotMs).toBeGreaterThan(one.tpotMs);
  });

  it('queues for a KV slot once concurrency passes what the cache holds', () => {
    const held = replicaCapacity(spec, shape).maxConcurrency;
    const beyond = latencyAt(spec, shape, held * 2);

    expect(beyond.ttftMs).toBeGreaterThan(10 * latencyAt(spec, shape, held).ttftMs);
  });
});

describe('supportsPrecision', () => {
  const model = (id: string) => findOpenModel(id) as NonNullable<ReturnType<typeof findOpenModel>>;
  const gpu = (id: string) => findGpu(id) as NonNullable<ReturnType<typeof findGpu>>;

  it('runs FP8 on Hopper but not on the A100', () => {
    expect(supportsPrecision(model('llama-3.3-70b'), gpu('h100-sxm'), 'fp8')).toBe(true);
    expect(supportsPrecision(model('llama-3.3-70b'), gpu('a100-80gb'), 'fp8')).toBe(false);
  });

  it('runs FP4 on the B200 only', () => {
    expect(supportsPrecision(model('llama-4-maverick'), gpu('b200'), 'fp4')).toBe(true);
    expect(supportsPrecision(model('llama-4-maverick'), gpu('h200'), 'fp4')).toBe(false);
  });
});

describe('supportsPrecision for a model released in FP4', () => {
  it('serves gpt-oss-120b MXFP4 weights on Hopper without FP4 tensor cores', () => {
    const gptOss = findOpenModel('gpt-oss-120b') as NonNullable<ReturnType<typeof findOpenModel>>;
    const h100 = findGpu('h100-sxm') as NonNullable<ReturnType<typeof findGpu>>;
    expect(supportsPrecision(gptOss, h100, 'fp4')).toBe(true);
  });
});

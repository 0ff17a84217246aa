import { describe, expect, it } from 'vitest';
import { findGpu, GPUS } from '../../src/engine/catalog/gpus.ts';
import { findOpenModel, OPEN_MODELS } from '../../src/engine/catalog/open-models.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('GPUS', () => {
  it('lists the six GPUs the issue names', () => {
    expect(GPUS.map((gpu) => gpu.id)).toEqual([
      'h100-sxm',
      'h100-pcie',
      'h200',
      'b200',
      'a100-80gb',
      'l40s',
    ]);
  });

  it('dates and sources every spec and every price', () => {
    for (const gpu of GPUS) {
      expect(gpu.source).not.toBe('');
      expect(gpu.asOf).toMatch(ISO_DATE);
      for (const price of gpu.prices) {
        expect(price.vendor).not.toBe('');
        expect(price.source).not.toBe('');
        expect(price.asOf).toMatch(ISO_DATE);
        expect(price.usdPerHour).toBeGreaterThan(0);
      }
    }
  });

  it("defaults every GPU to Runpod's secure cloud", () => {
    for (const gpu of GPUS) expect(gpu.prices[0]?.vendor).toBe('Runpod (secure cloud)');
    expect(findGpu('h100-sxm')?.prices[0]).toMatchObject({ usdPerHour: 3.29, asOf: '2026-11-01' });
  });

  it('gives FP4 to the B200 alone and FP8 to all but the A100', () => {
    const withFp4 = GPUS.filter((gpu) => gpu.denseTflops.fp4 !== undefined).map((gpu) => gpu.id);
    const withoutFp8 = GPUS.filter((gpu) => gpu.denseTflops.fp8 === undefined).map((gpu) => gpu.id);

    expect(withFp4).toEqual(['b200']);
    expect(withoutFp8).toEqual(['a100-80gb']);
  });

  it('quotes dense throughput, half the sparse datasheet figure', () => {
    expect(findGpu('h100-sxm')?.denseTflops).toEqual({ bf16: 989, fp8: 1979 });
  });

  it('finds a GPU whatever the case, and nothing for an unknown id', () => {
    expect(findGpu(' H200 ')?.memoryGb).toBe(141);
    expect(findGpu('mi300x')).toBeUndefined();
  });
});

describe('OPEN_MODELS', () => {
  it('dates and sources every model', () => {
    for (const model of OPEN_MODELS) {
      expect(model.source).toMatch(/config|card/);
      expect(model.asOf).toMatch(ISO_DATE);
    }
  });

  it('finds models by alias', () => {
    expect(findOpenModel('deepseek-r1')?.id).toBe('deepseek-v3');
    expect(findOpenModel('Llama-3.1-70B')?.id).toBe('llama-3.3-70b');
    expect(findOpenModel('gpt-5')).toBeUndefined();
  });

  it('keeps the expert parameters within the total, and the active ones within reach', () => {
    for (const model of OPEN_MODELS) {
      const experts = model.experts;
      if (!experts) continue;
      const routedB = experts.routed * experts.expertParamsB * experts.moeLayers;
      const activeRoutedB = experts.perToken * experts.expertParamsB * experts.moeLayers;

      expect(routedB).toBeLessThan(model.totalParamsB);
      expect(activeRoutedB).toBeLessThan(model.activeParamsB);
      expect(model.totalParamsB - routedB + activeRoutedB).toBeCloseTo(model.activeParamsB, -1);
    }
  });

  it("maps DOMAIN.md's stand-ins onto Claude classes", () => {
    const standIns = (cls: 'opus' | 'sonnet' | 'haiku') =>
      OPEN_MODELS.filter((model) => model.standsInFor.includes(cls)).map((model) => model.id);

    expect(standIns('opus')).toEqual(['llama-4-maverick', 'deepseek-v3']);
    expect(standIns('sonnet')).toEqual(['llama-4-maverick', 'llama-4-scout', 'mistral-large-3']);
    expect(standIns('haiku')).toEqual(['mistral-large-3', 'llama-3.3-70b']);
  });

  it('describes DeepSeek V3 attention by its MLA latent, not by heads', () => {
    expect(findOpenModel('deepseek-v3')?.mla).toEqual({ kvLoraRank: 512, ropeHeadDim: 64 });
  });
});

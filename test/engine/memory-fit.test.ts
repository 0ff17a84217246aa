import { describe, expect, it } from 'vitest';
import { memoryFit, minGpus } from '../../src/engine/capacity.ts';
import { findGpu } from '../../src/engine/catalog/gpus.ts';
import { findOpenModel } from '../../src/engine/catalog/open-models.ts';
import { replica as spec } from '../support/replicas.ts';

describe('memoryFit', () => {
  it('fits Maverick at FP8 on 8x H100 with a few hundred thousand tokens of KV cache', () => {
    const fit = memoryFit(spec('llama-4-maverick', 'h100-sxm', 8));

    expect(fit.fits).toBe(true);
    expect(fit.weightsGb).toBeCloseTo(400, 0);
    expect(fit.kvCacheTokens).toBeGreaterThan(300_000);
    expect(fit.kvCacheTokens).toBeLessThan(1_000_000);
  });

  it('counts 192 KiB of BF16 KV a token for Maverick: 48 layers, 8 KV heads of 128', () => {
    expect(memoryFit(spec('llama-4-maverick', 'h100-sxm', 8)).kvBytesPerToken).toBe(196_608);
  });

  it('does not fit DeepSeek V3 at FP8 on 8x H100: its weights alone pass 640 GB', () => {
    const fit = memoryFit(spec('deepseek-v3', 'h100-sxm', 8));

    expect(fit.fits).toBe(false);
    expect(fit.kvCacheTokens).toBe(0);
  });

  it('fits DeepSeek V3 at FP8 on 8x H200', () => {
    expect(memoryFit(spec('deepseek-v3', 'h200', 8)).fits).toBe(true);
  });

  it("stores DeepSeek's MLA latent (512 + 64 values a layer), not per-head K and V", () => {
    const fit = memoryFit(spec('deepseek-v3', 'h200', 8));

    expect(fit.kvBytesPerToken).toBe(61 * 576 * 2);
  });

  it('fits gpt-oss-120b on one 80 GB GPU, its MXFP4 weights near 65 GB', () => {
    const fit = memoryFit(spec('gpt-oss-120b', 'h100-sxm', 1));

    expect(fit.fits).toBe(true);
    expect(fit.weightsGb).toBeGreaterThan(60);
    expect(fit.weightsGb).toBeLessThan(66);
  });

  it('fits Scout at FP8 on 4x H100', () => {
    expect(memoryFit(spec('llama-4-scout', 'h100-sxm', 4)).fits).toBe(true);
  });

  it('fits Llama 3.3 70B at FP8 on 2x H100 but not on one', () => {
    expect(memoryFit(spec('llama-3.3-70b', 'h100-sxm', 2)).fits).toBe(true);
    expect(memoryFit(spec('llama-3.3-70b', 'h100-sxm', 1)).fits).toBe(false);
  });

  it('doubles the weights at BF16', () => {
    const fp8 = memoryFit(spec('llama-3.3-70b', 'h100-sxm', 4, 'fp8')).weightsGb;
    const bf16 = memoryFit(spec('llama-3.3-70b', 'h100-sxm', 4, 'bf16')).weightsGb;

    expect(bf16).toBeCloseTo(2 * fp8, 6);
  });

  it('copies KV heads once tensor parallelism outnumbers them (Qwen3 has 4)', () => {
    const four = memoryFit(spec('qwen3-235b-a22b', 'h100-sxm', 4)).kvBytesPerToken;
    const eight = memoryFit(spec('qwen3-235b-a22b', 'h100-sxm', 8)).kvBytesPerToken;

    expect(eight).toBe(2 * four);
  });

  it('keeps memory accounts that add up to the GPUs it was given', () => {
    const fit = memoryFit(spec('llama-3.3-70b', 'h200', 2));
    const capacityGb = (2 * 141 * 2 ** 30) / 1e9;

    expect(fit.weightsGb + fit.overheadGb + fit.freeForKvGb).toBeCloseTo(capacityGb, 6);
  });
});

describe('minGpus', () => {
  it('needs 16 H100s for DeepSeek V3 at FP8 and 8 H200s', () => {
    const deepseek = findOpenModel('deepseek-v3');
    const h100 = findGpu('h100-sxm');
    const h200 = findGpu('h200');
    if (!deepseek || !h100 || !h200) throw new Error('catalog incomplete');

    expect(minGpus(deepseek, h100, 'fp8')).toBe(16);
    expect(minGpus(deepseek, h200, 'fp8')).toBe(8);
  });

  it('needs 8 H100s for Maverick at FP8 and one for gpt-oss-120b', () => {
    const h100 = findGpu('h100-sxm');
    const maverick = findOpenModel('llama-4-maverick');
    const gptOss = findOpenModel('gpt-oss-120b');
    if (!h100 || !maverick || !gptOss) throw new Error('catalog incomplete');

    expect(minGpus(maverick, h100, 'fp8')).toBe(8);
    expect(minGpus(gptOss, h100, 'fp8')).toBe(1);
  });

  it('answers null when even 32 GPUs are not enough', () => {
    const a100 = findGpu('a100-80gb');
    const deepseek = findOpenModel('deepseek-v3');
    if (!a100 || !deepseek) throw new Error('catalog incomplete');

    expect(minGpus(deepseek, a100, 'bf16')).toBeNull();
  });
});

import type { Gpu } from './types.ts';
export const GPUS: readonly Gpu[] = [
  {
    id: 'h100-sxm',
    name: 'H100 SXM',
    memoryGb: 80,
    memoryBandwidthTBs: 3.35,
    denseTflops: { bf16: 989, fp8: 1979 },
    prices: [{ vendor: 'Runpod secure', usdPerHour: 3.29, source: 'x', asOf: '2026-11-01' }],
    source: 'x',
    asOf: '2026-01-01',
  },
];
export function findGpu(id: string) {
  return GPUS.find((g) => g.id === id);
}

import type { Gpu, GpuPrice } from './types.ts';

/*
 * Specs are the vendors' datasheet figures. Tensor throughput is dense: NVIDIA's datasheets print
 * the 2:4-sparsity figure first, which no serving engine reaches on real weights, so every figure
 * below is half the printed sparse one.
 *
 * Prices are on-demand dollars per GPU-hour as read into DOMAIN.md. A month-level date ("Nov 2026")
 * is written as the first of that month, a datasheet known by its year as the first of January.
 * DOMAIN.md gives some prices no date: they carry the start of 2026, the year its figures were
 * read, so they never make the catalog look fresher than it is, and their source says so. The
 * first price of each GPU is the catalog's default: Runpod's secure cloud (the low end of a
 * range), where production workloads run.
 */

const UNDATED = '2026-01-01';

function price(vendor: string, usdPerHour: number, source: string, asOf: string): GpuPrice {
  return { vendor, usdPerHour, source, asOf };
}

function undated(vendor: string, usdPerHour: number, source: string): GpuPrice {
  return price(vendor, usdPerHour, `${source}; undated in DOMAIN.md (read in 2026)`, UNDATED);
}

const RUNPOD = 'runpod.io/pricing via DOMAIN.md';

export const GPUS: readonly Gpu[] = [
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100 SXM 80GB',
    memoryGb: 80,
    memoryBandwidthTBs: 3.35,
    denseTflops: { bf16: 989, fp8: 1979 },
    interconnect: { kind: 'nvlink', gbPerSecond: 450 },
    source: 'NVIDIA H100 Tensor Core GPU datasheet, 2023 edition (SXM column)',
    asOf: '2023-01-01',
    prices: [
      price('Runpod (secure cloud)', 3.29, `${RUNPOD}, low end of 3.29-3.99`, '2026-11-01'),
      price('Runpod (community cloud)', 2.69, RUNPOD, '2026-11-01'),
      undated('Runpod (older list)', 2.99, 'the reference article: 8x H100 at $23.92 an hour'),
      price('Lambda', 3.99, 'lambda.ai pricing, 8x H100 node, via DOMAIN.md', '2026-09-01'),
      undated('CoreWeave', 6.16, 'coreweave.com pricing, 8-GPU node divided by 8'),
      undated('AWS', 6.88, 'aws.amazon.com p5.48xlarge on demand divided by 8'),
    ],
  },
  {
    id: 'h100-pcie',
    name: 'NVIDIA H100 PCIe 80GB',
    memoryGb: 80,
    memoryBandwidthTBs: 2.0,
    denseTflops: { bf16: 756, fp8: 1513 },
    // PCIe Gen5 x16; the optional NVLink bridge joins pairs only, so the catalog ignores it.
    interconnect: { kind: 'pcie', gbPerSecond: 64 },
    source: 'NVIDIA H100 Tensor Core GPU datasheet, 2023 edition (PCIe column)',
    asOf: '2023-01-01',
    prices: [
      undated('Runpod (secure cloud)', 2.89, RUNPOD),
      undated('Runpod (community cloud)', 1.99, RUNPOD),
      undated('Lambda', 3.29, 'lambda.ai pricing via DOMAIN.md'),
      undated('CoreWeave', 4.25, 'coreweave.com pricing (an older list)'),
    ],
  },
  {
    id: 'h200',
    name: 'NVIDIA H200 SXM 141GB',
    memoryGb: 141,
    memoryBandwidthTBs: 4.8,
    denseTflops: { bf16: 989, fp8: 1979 },
    interconnect: { kind: 'nvlink', gbPerSecond: 450 },
    source: 'NVIDIA H200 Tensor Core GPU datasheet, 2024 edition (SXM column)',
    asOf: '2024-01-01',
    prices: [
      price('Runpod (secure cloud)', 4.59, RUNPOD, '2026-10-01'),
      price('Runpod (community cloud)', 3.59, RUNPOD, '2026-10-01'),
      price('CoreWeave', 6.31, 'coreweave.com pricing, 8-GPU node divided by 8', '2026-02-01'),
      undated('AWS', 7.91, 'aws.amazon.com p5en.48xlarge on demand divided by 8'),
    ],
  },
  {
    id: 'b200',
    name: 'NVIDIA B200 180GB',
    memoryGb: 180,
    memoryBandwidthTBs: 8.0,
    denseTflops: { bf16: 2250, fp8: 4500, fp4: 9000 },
    interconnect: { kind: 'nvlink', gbPerSecond: 900 },
    source: 'NVIDIA DGX B200 / HGX B200 datasheet, 2024 edition (8-GPU figures divided by 8)',
    asOf: '2024-01-01',
    prices: [
      undated('Runpod (secure cloud)', 6.79, RUNPOD),
      undated('Runpod (community cloud)', 5.98, RUNPOD),
      undated('Lambda', 6.69, 'lambda.ai pricing via DOMAIN.md'),
      undated('CoreWeave', 8.6, 'coreweave.com pricing, 8-GPU node divided by 8'),
    ],
  },
  {
    id: 'a100-80gb',
    name: 'NVIDIA A100 SXM 80GB',
    memoryGb: 80,
    memoryBandwidthTBs: 2.039,
    // Ampere has no FP8 tensor cores; FP8 checkpoints would run as BF16 arithmetic.
    denseTflops: { bf16: 312 },
    interconnect: { kind: 'nvlink', gbPerSecond: 300 },
    source: 'NVIDIA A100 Tensor Core GPU datasheet, 2021 edition (80GB SXM column)',
    asOf: '2021-01-01',
    prices: [
      undated('Runpod (secure cloud)', 1.59, RUNPOD),
      undated('Runpod (community cloud)', 1.39, RUNPOD),
      undated('Lambda', 2.79, 'lambda.ai pricing via DOMAIN.md'),
      undated('CoreWeave', 2.7, 'coreweave.com pricing, 8-GPU node divided by 8'),
      undated('AWS', 3.43, 'aws.amazon.com p4de.24xlarge on demand divided by 8'),
    ],
  },
  {
    id: 'l40s',
    name: 'NVIDIA L40S 48GB',
    memoryGb: 48,
    memoryBandwidthTBs: 0.864,
    denseTflops: { bf16: 362, fp8: 733 },
    // No NVLink: GPUs talk over PCIe Gen4 x16.
    interconnect: { kind: 'pcie', gbPerSecond: 32 },
    source: 'NVIDIA L40S GPU datasheet, 2023 edition',
    asOf: '2023-01-01',
    prices: [
      undated('Runpod (secure cloud)', 1.09, RUNPOD),
      undated('Runpod (community cloud)', 0.79, RUNPOD),
      undated('CoreWeave', 2.25, 'coreweave.com pricing via DOMAIN.md'),
    ],
  },
];

/** The catalog GPU with this id, or undefined. */
export function findGpu(id: string): Gpu | undefined {
  const wanted = id.trim().toLowerCase();
  return GPUS.find((gpu) => gpu.id === wanted);
}

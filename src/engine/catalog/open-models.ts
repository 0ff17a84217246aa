import type { OpenModel } from './types.ts';
export const OPEN_MODELS: readonly OpenModel[] = [
  {
    id: 'llama-4-maverick',
    aliases: [],
    name: 'Llama 4 Maverick',
    totalParamsB: 400,
    activeParamsB: 17,
    layers: 48,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    headDim: 128,
    contextLength: 1e6,
    precisions: ['fp8', 'bf16'],
    standsInFor: ['opus', 'sonnet'],
    source: 'x',
    asOf: '2025-04-05',
  },
];
export function findOpenModel(id: string) {
  return OPEN_MODELS.find((m) => m.id === id || m.aliases.includes(id));
}

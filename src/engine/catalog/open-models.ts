import type { OpenModel } from './types.ts';

/*
 * Architecture figures come from each model's published config.json (or params.json) and model
 * card, dated by the model's release. Expert sizes are computed from the config: a SwiGLU expert
 * holds three hidden x intermediate matrices. Where a figure was derived rather than read, the
 * entry's source says so.
 */

/** Parameters of one SwiGLU expert, in billions: gate, up and down projections. */
function swigluExpertB(hidden: number, intermediate: number): number {
  return (3 * hidden * intermediate) / 1e9;
}

// gpt-oss ships one checkpoint: MXFP4 experts (4.25 bits a parameter with their scales, about
// 61 GB) and BF16 attention and embeddings (about 4 GB). Whatever arithmetic the GPU runs, the
// weights take this much memory and bandwidth.
const GPT_OSS_BYTES_PER_PARAM = 65.1 / 116.8;

export const OPEN_MODELS: readonly OpenModel[] = [
  {
    id: 'llama-4-maverick',
    aliases: ['maverick', 'llama-4-maverick-17b-128e'],
    name: 'Llama 4 Maverick (400B, 17B active)',
    totalParamsB: 400,
    activeParamsB: 17,
    layers: 48,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    headDim: 128,
    // MoE on every second layer (interleave_moe_layer_step 2), plus a shared expert.
    experts: { routed: 128, perToken: 1, expertParamsB: swigluExpertB(5120, 8192), moeLayers: 24 },
    // Three layers in four use chunked attention over 8,192-token chunks; every fourth is global.
    localAttention: { layers: 36, windowTokens: 8192 },
    contextLength: 1_048_576,
    precisions: ['fp8', 'bf16', 'fp4'],
    standsInFor: ['opus', 'sonnet'],
    source:
      'huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct config.json and model card ' +
      '(BF16 and FP8 from Meta; NVFP4 from nvidia/Llama-4-Maverick-17B-128E-Instruct-NVFP4)',
    asOf: '2025-04-05',
  },
  {
    id: 'llama-4-scout',
    aliases: ['scout', 'llama-4-scout-17b-16e'],
    name: 'Llama 4 Scout (109B, 17B active)',
    totalParamsB: 109,
    activeParamsB: 17,
    layers: 48,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    headDim: 128,
    experts: { routed: 16, perToken: 1, expertParamsB: swigluExpertB(5120, 8192), moeLayers: 48 },
    localAttention: { layers: 36, windowTokens: 8192 },
    contextLength: 10_485_760,
    precisions: ['fp8', 'bf16', 'fp4'],
    standsInFor: ['sonnet'],
    source:
      'huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct config.json and model card ' +
      '(BF16 from Meta; FP8 and NVFP4 from nvidia/Llama-4-Scout-17B-16E-Instruct-FP8 and -FP4)',
    asOf: '2025-04-05',
  },
  {
    id: 'deepseek-v3',
    aliases: ['deepseek-r1', 'deepseek-v3-0324', 'deepseek-r1-0528'],
    name: 'DeepSeek V3 / R1 (671B, 37B active)',
    totalParamsB: 671,
    activeParamsB: 37,
    layers: 61,
    hiddenSize: 7168,
    attentionHeads: 128,
    kvHeads: 128,
    headDim: 128,
    mla: { kvLoraRank: 512, ropeHeadDim: 64 },
    // The first three layers are dense (first_k_dense_replace 3); one shared expert besides these.
    experts: { routed: 256, perToken: 8, expertParamsB: swigluExpertB(7168, 2048), moeLayers: 58 },
    contextLength: 131_072,
    precisions: ['fp8', 'bf16', 'fp4'],
    standsInFor: ['opus'],
    source:
      'huggingface.co/deepseek-ai/DeepSeek-V3 config.json and README (native FP8; the 14B ' +
      'multi-token-prediction module is not loaded for plain serving; NVFP4 from ' +
      'nvidia/DeepSeek-R1-0528-NVFP4-v2)',
    asOf: '2024-12-26',
  },
  {
    id: 'mistral-large-3',
    aliases: ['mistral-large-3-675b', 'mistral-large-3-675b-instruct-2512'],
    name: 'Mistral Large 3 (675B, 41B active)',
    totalParamsB: 675,
    // 39B active in the language model; the card's 41B counts the 2.5B vision encoder, which a
    // text request never runs.
    activeParamsB: 39,
    layers: 61,
    hiddenSize: 7168,
    attentionHeads: 128,
    kvHeads: 128,
    headDim: 128,
    mla: { kvLoraRank: 512, ropeHeadDim: 64 },
    // DeepSeek V3's layout with half as many experts, each twice as large, four per token.
    experts: { routed: 128, perToken: 4, expertParamsB: swigluExpertB(7168, 4096), moeLayers: 58 },
    contextLength: 262_144,
    precisions: ['fp8', 'fp4', 'bf16'],
    standsInFor: ['sonnet', 'haiku'],
    source:
      'huggingface.co/mistralai/Mistral-Large-3-675B-Instruct-2512 model card (673B language ' +
      'model with 39B active plus a 2.5B vision encoder; FP8, NVFP4 and BF16 published); ' +
      "vLLM's Mistral config adapter maps it to the DeepSeek V3 architecture; expert count and " +
      "size as S. Raschka read its params.json (Dec 2025); layer sizes taken as DeepSeek V3's",
    asOf: '2025-12-02',
  },
  {
    id: 'llama-3.3-70b',
    aliases: ['llama-3.1-70b', 'llama-3.3-70b-instruct', 'llama-3.1-70b-instruct'],
    name: 'Llama 3.3 70B (dense)',
    totalParamsB: 70.6,
    activeParamsB: 70.6,
    layers: 80,
    hiddenSize: 8192,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    contextLength: 131_072,
    precisions: ['fp8', 'bf16', 'fp4'],
    standsInFor: ['haiku'],
    source:
      'huggingface.co/meta-llama/Llama-3.3-70B-Instruct config.json (BF16 from Meta; FP8 and ' +
      'NVFP4 from nvidia/Llama-3.3-70B-Instruct-FP8 and -FP4); Llama 3.1 70B has the same shape',
    asOf: '2024-12-06',
  },
  {
    id: 'qwen3-235b-a22b',
    aliases: ['qwen3-235b'],
    name: 'Qwen3-235B-A22B (235B, 22B active)',
    totalParamsB: 235,
    activeParamsB: 22,
    layers: 94,
    hiddenSize: 4096,
    attentionHeads: 64,
    kvHeads: 4,
    headDim: 128,
    experts: { routed: 128, perToken: 8, expertParamsB: swigluExpertB(4096, 1536), moeLayers: 94 },
    // 32K native; 131K with YaRN rope scaling, which the config leaves off.
    contextLength: 32_768,
    precisions: ['fp8', 'bf16', 'fp4'],
    standsInFor: [],
    source:
      'huggingface.co/Qwen/Qwen3-235B-A22B config.json and model card (BF16 and FP8 from Qwen; ' +
      'NVFP4 from nvidia/Qwen3-235B-A22B-FP4)',
    asOf: '2025-04-29',
  },
  {
    id: 'gpt-oss-120b',
    aliases: ['gpt-oss'],
    name: 'gpt-oss-120b (117B, 5.1B active)',
    totalParamsB: 116.8,
    activeParamsB: 5.1,
    layers: 36,
    hiddenSize: 2880,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 64,
    experts: { routed: 128, perToken: 4, expertParamsB: swigluExpertB(2880, 2880), moeLayers: 36 },
    // Every second layer attends to a 128-token sliding window.
    localAttention: { layers: 18, windowTokens: 128 },
    contextLength: 131_072,
    // One MXFP4 checkpoint; the precision names the arithmetic (FP4 on Blackwell, FP8 or BF16
    // activations on older chips), not a different set of weights.
    precisions: ['fp4', 'fp8', 'bf16'],
    bytesPerParamOverride: {
      fp4: GPT_OSS_BYTES_PER_PARAM,
      fp8: GPT_OSS_BYTES_PER_PARAM,
      bf16: GPT_OSS_BYTES_PER_PARAM,
    },
    standsInFor: [],
    source:
      'huggingface.co/openai/gpt-oss-120b config.json and model card (116.8B parameters, ' +
      '5.1B active, MXFP4 experts)',
    asOf: '2025-08-05',
  },
];

/** The catalog model with this id or alias (case-insensitive), or undefined. */
export function findOpenModel(idOrAlias: string): OpenModel | undefined {
  const wanted = idOrAlias.trim().toLowerCase();
  return OPEN_MODELS.find((model) => model.id === wanted || model.aliases.includes(wanted));
}

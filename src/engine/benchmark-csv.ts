/** A benchmark file the engine cannot read: a missing column, an unknown id, a bad number. */
export class CalibrationError extends Error {
  readonly code = 'CALIBRATION_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'CalibrationError';
  }
}

/** One published measurement, as the CSV gives it (numbers left null where the cell is empty). */
export interface BenchmarkRow {
  line: number;
  model: string;
  precision: string;
  gpu: string;
  gpus: number;
  parallelism: string;
  engine: string;
  load: string;
  inputTokens: number;
  outputTokens: number | null;
  concurrency: number | null;
  outputTokensPerSecondPerGpu: number | null;
  totalTokensPerSecond: string;
  ttftMs: number | null;
  tpotMs: number | null;
  source: string;
}

const COLUMNS = [
  'model',
  'precision',
  'gpu',
  'gpus',
  'parallelism',
  'engine',
  'load',
  'input_tokens',
  'output_tokens',
  'concurrency',
  'output_tokens_per_s_per_gpu',
  'total_tokens_per_s',
  'ttft_ms',
  'tpot_ms',
  'source',
] as const;

/** Splits one CSV line, honouring double-quoted cells. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;

  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);

  return cells.map((c) => c.trim());
}

function numberOrNull(cell: string, column: string, line: number): number | null {
  if (cell === '') return null;

  const value = Number(cell);
  if (!Number.isFinite(value)) {
    throw new CalibrationError(`line ${line}: ${column} is not a number: "${cell}"`);
  }

  return value;
}

/** A number the comparison cannot do without, or a CalibrationError naming the column and line. */
export function required(value: number | null, column: string, line: number): number {
  if (value === null) throw new CalibrationError(`line ${line}: ${column} is empty`);

  return value;
}

function toRow(cells: string[], line: number): BenchmarkRow {
  const get = (column: (typeof COLUMNS)[number]) => cells[COLUMNS.indexOf(column)] ?? '';
  const num = (column: (typeof COLUMNS)[number]) => numberOrNull(get(column), column, line);

  return {
    line,
    model: get('model'),
    precision: get('precision'),
    gpu: get('gpu'),
    gpus: required(num('gpus'), 'gpus', line),
    parallelism: get('parallelism'),
    engine: get('engine'),
    load: get('load'),
    inputTokens: required(num('input_tokens'), 'input_tokens', line),
    outputTokens: num('output_tokens'),
    concurrency: num('concurrency'),
    outputTokensPerSecondPerGpu: num('output_tokens_per_s_per_gpu'),
    totalTokensPerSecond: get('total_tokens_per_s'),
    ttftMs: num('ttft_ms'),
    tpotMs: num('tpot_ms'),
    source: get('source'),
  };
}

/** Parses the benchmark CSV (header first); throws CalibrationError on a malformed file. */
export function parseBenchmarks(csvText: string): BenchmarkRow[] {
  const lines = csvText.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '');
  const missing = COLUMNS.filter((column, i) => header[i] !== column);
  if (missing.length > 0) {
    throw new CalibrationError(`header lacks or misplaces: ${missing.join(', ')}`);
  }

  return lines
    .map((text, index) => ({ text, line: index + 1 }))
    .slice(1)
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => toRow(splitCsvLine(text), line));
}

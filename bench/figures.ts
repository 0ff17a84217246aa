/** One measured figure, its unit and the target for it. */

export type Unit = 'ms' | 'us' | 'MB' | 'x' | 'per_s' | 'percent' | 'count' | 's';

export interface Target {
  below?: number;
  atMost?: number;
  atLeast?: number;
}

export interface Figure {
  key: string;
  label: string;
  value: number;
  unit: Unit;
  target?: Target;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
}

const UNIT_TEXT: Record<Unit, string> = {
  ms: 'ms',
  us: 'µs',
  MB: 'MB',
  x: '×',
  per_s: '/s',
  percent: '%',
  count: '',
  s: 's',
};

export function met(figure: Figure): boolean | null {
  const { target, value } = figure;
  if (target === undefined) return null;
  if (target.below !== undefined && !(value < target.below)) return false;
  if (target.atMost !== undefined && !(value <= target.atMost)) return false;
  if (target.atLeast !== undefined && !(value >= target.atLeast)) return false;
  return true;
}

function number(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

function withUnit(value: number, unit: Unit): string {
  const text = UNIT_TEXT[unit];
  return text === '' ? number(value) : `${number(value)} ${text}`;
}

function targetText(figure: Figure): string {
  const { target } = figure;
  if (target === undefined) return '';
  const parts = [];
  if (target.below !== undefined) parts.push(`< ${withUnit(target.below, figure.unit)}`);
  if (target.atMost !== undefined) parts.push(`≤ ${withUnit(target.atMost, figure.unit)}`);
  if (target.atLeast !== undefined) parts.push(`≥ ${withUnit(target.atLeast, figure.unit)}`);
  return parts.join(', ');
}

function metText(figure: Figure): string {
  const verdict = met(figure);
  if (verdict === null) return '';
  return verdict ? 'yes' : '**no**';
}

/** The figures as a Markdown table. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map(
    (figure) =>
      `| ${figure.label} | ${withUnit(figure.value, figure.unit)} | ${targetText(figure)} | ` +
      `${metText(figure)} |`,
  );
  return ['| Measure | Value | Target | Met |', '|---|---:|---|---|', ...rows].join('\n');
}

/** The same figures as JSON, each with its unit, keyed by `key`. */
export function json(figures: readonly Figure[], machine: Machine, notes: string[]): string {
  const byKey = Object.fromEntries(
    figures.map((figure) => [
      figure.key,
      {
        label: figure.label,
        value: Number(figure.value.toFixed(3)),
        unit: figure.unit,
        ...(figure.target === undefined ? {} : { target: figure.target, met: met(figure) }),
      },
    ]),
  );
  return JSON.stringify({ machine, figures: byKey, notes }, null, 2);
}

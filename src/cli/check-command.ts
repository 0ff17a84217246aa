import { parseArgs } from 'node:util';
import { WorkloadError } from '../engine/errors.ts';
import { buildReport } from '../engine/report.ts';
import type { Report } from '../engine/report-types.ts';
import type { WorkloadInput } from '../engine/workload.ts';
import { WORKLOAD_FIELDS } from '../input/workload-fields.ts';
import { assembleWorkload } from '../input/workload-input.ts';
import { readWorkloadText, setField } from '../input/workload-text.ts';
import { reportText } from './report-text.ts';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  report?: Report;
  chartPath?: string;
}

const USAGE = [
  'usage: npm run check -- "<workload text>" [--flag value ...] [--json] [--chart out.png]',
  '       npm run check -- capacity --model <id> --gpu <id> --gpus <n> --precision fp8 ...',
  '',
  'Flags (they override the same key in the text):',
  ...WORKLOAD_FIELDS.map(
    (field) => `  --${field.key.padEnd(20)} ${field.meaning} (e.g. ${field.example})`,
  ),
  '  --json                 print the report as JSON',
  '  --chart <file>         write the crossover chart as PNG',
].join('\n');

const HELP_HINT = 'npm run check -- --help lists every flag.';

/** Bad input: what was wrong, then the usage when the flags themselves were not understood. */
const failed = (message: string, withUsage = false): CommandResult => ({
  stdout: '',
  stderr: `${message}\n\n${withUsage ? USAGE : HELP_HINT}\n`,
  exitCode: 2,
});

function flagOptions() {
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    json: { type: 'boolean' },
    chart: { type: 'string' },
    help: { type: 'boolean' },
  };
  for (const field of WORKLOAD_FIELDS) {
    options[field.key] = { type: field.kind === 'flag' ? 'boolean' : 'string' };
  }
  return options;
}

/**
 * The workload command: reads a workload from text and flags, builds its report against the
 * catalog in force at `at`, and prints it for a terminal or as JSON. Bad input exits with 2 and
 * names every part that was wrong.
 */
export function checkCommand(args: string[], at: Date): CommandResult {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: flagOptions(), allowPositionals: true, strict: true });
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error), true);
  }
  if (parsed.values.help) return { stdout: `${USAGE}\n`, stderr: '', exitCode: 0 };

  const { input, problems } = readWorkloadText(parsed.positionals.join(', '));
  for (const field of WORKLOAD_FIELDS) {
    const value = parsed.values[field.key];
    if (value === undefined) continue;
    delete input[field.field];
    const problem = setField(input, field.key, value === true ? 'yes' : String(value));
    if (problem) problems.push(problem);
  }
  const workload = assembleWorkload(input as WorkloadInput, problems);
  if (!workload.ok) return failed(workload.problems.join('\n'));

  let report: Report;
  try {
    report = buildReport(workload.workload, at);
  } catch (error) {
    if (error instanceof WorkloadError) return failed(error.message);
    throw error;
  }

  const stdout = parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report);
  const chartPath = typeof parsed.values.chart === 'string' ? parsed.values.chart : undefined;
  return { stdout, stderr: '', exitCode: 0, report, ...(chartPath ? { chartPath } : {}) };
}

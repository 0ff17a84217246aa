import { writeFile } from 'node:fs/promises';
import { capacityCommand } from './capacity-command.ts';
import { checkCommand } from './check-command.ts';

/** `npm run check`: the engine from a terminal, no Slack workspace needed. */
async function main(args: string[]): Promise<number> {
  if (args[0] === 'capacity') {
    const result = capacityCommand(args.slice(1));
    process.stdout.write(result.stdout);
    return result.exitCode;
  }

  const result = checkCommand(args, new Date());
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.exitCode !== 0 || !result.report || !result.chartPath) return result.exitCode;

  const { createCrossoverChartRenderer } = await import('../chart/crossover-chart.ts');
  const png = await createCrossoverChartRenderer().render(result.report);
  await writeFile(result.chartPath, png);
  process.stderr.write(`chart written to ${result.chartPath}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

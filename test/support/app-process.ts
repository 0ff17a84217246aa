import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BOT_TOKEN, SIGNING_SECRET } from './slash-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 20_000;

/** The real app, `src/main.ts` in a process of its own, as an operator starts it. */
export interface AppProcess {
  child: ChildProcess;
  port: number;
  /** Every line it wrote to stdout: the app's JSON log. */
  lines: string[];
}

const running = new Set<ChildProcess>();

/** Starts the app on loopback against `slackApiUrl`, resolving once it logs that it started. */
export async function launchApp(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  const lines: string[] = [];
  const started = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not start')), START_TIMEOUT_MS);
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      const record = JSON.parse(line) as { msg?: string; port?: number };
      if (record.msg === 'app started') {
        clearTimeout(timer);
        resolve(record.port ?? 0);
      }
    });
  });

  return { child, port: await started, lines };
}

/** SIGTERM, as an orchestrator stops an instance; resolves with its exit code. */
export async function terminate(app: AppProcess): Promise<number | null> {
  const exited = once(app.child, 'exit');
  app.child.kill('SIGTERM');
  const [code] = await exited;
  return code as number | null;
}

/** SIGKILL: the instance dies wherever it is, leases and all. */
export async function kill(app: AppProcess): Promise<void> {
  const exited = once(app.child, 'exit');
  app.child.kill('SIGKILL');
  await exited;
}

/** Whether the app logged a line with this message. */
export function logged(app: AppProcess, message: string): boolean {
  return app.lines.some((line) => (JSON.parse(line) as { msg?: string }).msg === message);
}

/** Kills whatever a test left running. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

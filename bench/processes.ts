import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** The two apps the bench runs side by side, each in its own process (see app-process.ts). */
export type AppKind = 'real' | 'bare';

export interface ProcessMemory {
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
}

export type ChildMessage =
  | { type: 'ready'; port: number; memory: ProcessMemory }
  | { type: 'memory'; memory: ProcessMemory };
export type ParentMessage = { type: 'memory' } | { type: 'stop' };

/** Log lines of the app by level, and the first few errors to show. */
export interface AppLogs {
  levels: Record<string, number>;
  errors: string[];
}

export interface AppProcess {
  kind: AppKind;
  pid: number;
  port: number;
  memoryAtStart: ProcessMemory;
  logs: AppLogs;
  memory(): Promise<ProcessMemory>;
  stop(): Promise<void>;
}

const CHILD = new URL('./app-process.ts', import.meta.url);
/** The V8 flags of `npm start`, read from package.json so that the bench runs what ships. */
const START_FLAGS = startFlags();
const ERRORS_KEPT = 5;

function startFlags(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const start = String(manifest.scripts?.start ?? '');
  return start.split(' ').filter((word) => word.startsWith('--'));
}

/**
 * Set BENCH_CPU_PROF to a folder to profile each app process with `node --cpu-prof`,
 * BENCH_NODE_FLAGS to pass it other flags (`--trace-gc`, `--expose-gc` to measure memory after a
 * full collection), and BENCH_SHOW_WARN to see the app's warnings.
 */
function execArgv(): string[] {
  const folder = process.env.BENCH_CPU_PROF;
  const profile = folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  // As `npm start` runs the app (package.json): tsx, and V8's heap held close to what is live.
  return ['--import', 'tsx', ...START_FLAGS, ...profile, ...flags];
}

function countLogs(child: ChildProcess, logs: AppLogs): void {
  if (child.stdout === null) return;
  createInterface({ input: child.stdout }).on('line', (line) => {
    let record: { level?: string; msg?: string };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      record = { level: 'text', msg: line };
    }
    const level = record.level ?? 'unknown';
    logs.levels[level] = (logs.levels[level] ?? 0) + 1;
    if (level === 'error' && logs.errors.length < ERRORS_KEPT) logs.errors.push(line);
    if (level === 'text' && process.env.BENCH_NODE_FLAGS) process.stderr.write(`${line}\n`);
    if (level === 'warn' && process.env.BENCH_SHOW_WARN) process.stderr.write(`${line}\n`);
  });
}

function nextMessage(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`app process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

/** Starts one app in a child process against the Slack double at `apiUrl`. */
export async function startAppProcess(
  kind: AppKind,
  apiUrl: string,
  databasePath: string,
): Promise<AppProcess> {
  const child = fork(CHILD, [kind, apiUrl, databasePath], {
    execArgv: execArgv(),
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const logs: AppLogs = { levels: {}, errors: [] };
  countLogs(child, logs);

  const ready = await nextMessage(child);
  if (ready.type !== 'ready') throw new Error('app process did not start');

  return {
    kind,
    pid: child.pid ?? 0,
    port: ready.port,
    memoryAtStart: ready.memory,
    logs,
    async memory() {
      const answer = nextMessage(child);
      child.send({ type: 'memory' } satisfies ParentMessage);
      return (await answer).memory;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' } satisfies ParentMessage);
      await exited;
    },
  };
}

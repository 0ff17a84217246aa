import { type RunningApp, startApp } from '../../src/app.ts';
import { createCrossoverChartRenderer } from '../../src/chart/crossover-chart.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { type CapturedLogs, captureLogs } from './captured-logs.ts';
import { allowOnlyApp, FakeSlack, resetNetwork } from './fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET } from './slash-command.ts';

/** The clock every end-to-end test runs at, and the re-audit three months on. */
export const NOW = new Date('2026-12-01T09:00:00Z');
export const REAUDIT_DUE = new Date('2027-03-01T09:00:00Z');

// One renderer for every test file, as the app keeps one for the process.
const chart = createCrossoverChartRenderer();

/** The real app over HTTP on loopback, its Web API faked, its store in memory. */
export interface TestApp {
  slack: FakeSlack;
  logs: CapturedLogs;
  running: RunningApp;
  store: Store;
  port: number;
}

export interface TestAppOptions {
  /** Wraps the real in-memory store, to make one of its calls fail. */
  wrapStore?: (store: Store) => Store;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const slack = await FakeSlack.start();
  const logs = captureLogs('debug', [BOT_TOKEN, SIGNING_SECRET]);
  resetNetwork();
  slack.method('auth.test', { user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0001' });
  const real = await openStore(':memory:');
  const store = options.wrapStore?.(real) ?? real;

  const running = await startApp({
    config: {
      botToken: BOT_TOKEN,
      connection: { mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
      slackApiUrl: slack.apiUrl,
      logLevel: 'debug',
      reauditAfterMs: REAUDIT_DUE.getTime() - NOW.getTime(),
    },
    logger: logs.logger,
    store,
    now: () => NOW,
    chart,
  });
  const port = running.port ?? 0;
  allowOnlyApp(port);
  return { slack, logs, running, store, port };
}

export async function stopTestApp(app: TestApp): Promise<void> {
  await app.running.stop();
  await app.store.close();
  resetNetwork();
}

/** Waits until the condition holds, polling every 10 ms. */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { type RunningApp, startApp } from '../../src/app.ts';
import { createCrossoverChartRenderer } from '../../src/chart/crossover-chart.ts';
import { type AppConfig, type OAuthConfig, secretsOf } from '../../src/config.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { type CapturedLogs, captureLogs } from './captured-logs.ts';
import { allowOnlyApp, FakeSlack, resetNetwork } from './fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET } from './slash-command.ts';

/** The clock every end-to-end test starts from, and the re-audit three months on. */
export const TEST_NOW = new Date('2026-12-01T09:00:00Z');
export const TEST_REAUDIT_DUE = new Date('2027-03-01T09:00:00Z');

// One renderer for the test process, as the app keeps one for its process.
const chart = createCrossoverChartRenderer();

export interface TestApp {
  slack: FakeSlack;
  logs: CapturedLogs;
  store: Store;
  running: RunningApp;
  port: number;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  now?: () => Date;
  reauditAfterMs?: number;
  /** Changes the in-memory store before the app gets it (a database that stops answering). */
  wrapStore?: (store: Store) => Store;
  /** Installs through OAuth instead of one workspace's bot token. */
  oauth?: OAuthConfig;
  /** How long a Web API call may take (short, to test timeouts). */
  slackCallTimeoutMs?: number;
}

/**
 * The real app in HTTP mode on 127.0.0.1, its Web API faked on loopback (every other connection
 * refused), an in-memory store, and logs captured at debug with the secrets to redact.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const slack = await FakeSlack.start();
  resetNetwork();
  slack.method('auth.test', { user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0001' });
  const opened = await openStore(':memory:');
  const store = options.wrapStore?.(opened) ?? opened;

  const config: AppConfig = {
    ...(options.oauth ? { oauth: options.oauth } : { botToken: BOT_TOKEN }),
    connection: { mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
    slackApiUrl: slack.apiUrl,
    logLevel: 'debug',
    slackCallTimeoutMs: options.slackCallTimeoutMs ?? 5_000,
    reauditAfterMs: options.reauditAfterMs ?? TEST_REAUDIT_DUE.getTime() - TEST_NOW.getTime(),
  };
  // As in main: the logger redacts whatever the configuration holds secret.
  const logs = captureLogs('debug', secretsOf(config));
  const running = await startApp({
    config,
    logger: logs.logger,
    store,
    now: options.now ?? (() => TEST_NOW),
    chart,
  });
  const port = running.port ?? 0;
  allowOnlyApp(port);

  let stopping: Promise<void> | undefined;
  const stopApp = () => {
    stopping ??= running.stop();
    return stopping;
  };

  return {
    slack,
    logs,
    store,
    running: { ...running, stop: stopApp },
    port,
    stop: async () => {
      await stopApp();
      await opened.close();
      resetNetwork();
    },
  };
}

/** Waits until `condition` holds, polling every 10 ms. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

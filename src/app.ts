import type { AddressInfo } from 'node:net';
import { App, type AppOptions, webApi } from '@slack/bolt';
import { type RunningNudges, startReAuditNudges } from './audits/reaudit-nudges.ts';
import {
  type CrossoverChartRenderer,
  createCrossoverChartRenderer,
} from './chart/crossover-chart.ts';
import { type AppConfig, EVENTS_PATH } from './config.ts';
import { type ListenerDependencies, registerListeners } from './handlers/index.ts';
import { type Logger, toBoltLogger } from './logger.ts';
import type { Store } from './store/index.ts';

export interface AppDependencies {
  config: AppConfig;
  logger: Logger;
  store: Store;
  now?: () => Date;
  chart?: CrossoverChartRenderer;
}

export interface RunningApp {
  app: App;
  /** The HTTP port listened on (useful when the config asked for port 0); null in Socket Mode. */
  port: number | null;
  stop(): Promise<void>;
}

// A person is waiting for the answer: retry a failed call twice, not for half an hour.
const RETRY = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 };
const CALL_TIMEOUT_MS = 15_000;

function appOptions(config: AppConfig, logger: Logger): AppOptions {
  const common: AppOptions = {
    token: config.botToken,
    logger: toBoltLogger(logger, config.logLevel),
    clientOptions: {
      retryConfig: RETRY,
      timeout: CALL_TIMEOUT_MS,
      ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
    },
    // Checked with auth.test in startApp, where a bad token fails start cleanly.
    deferInitialization: true,
  };

  if (config.connection.mode === 'socket') {
    return { ...common, socketMode: true, appToken: config.connection.appToken };
  }
  return { ...common, signingSecret: config.connection.signingSecret, endpoints: EVENTS_PATH };
}

function listenerDependencies(deps: AppDependencies): ListenerDependencies {
  return {
    logger: deps.logger,
    store: deps.store,
    now: deps.now ?? (() => new Date()),
    chart: deps.chart ?? createCrossoverChartRenderer(),
    reauditAfterMs: deps.config.reauditAfterMs,
  };
}

function buildApp(deps: AppDependencies, listeners: ListenerDependencies): App {
  const app = new App(appOptions(deps.config, deps.logger));

  registerListeners(app, listeners);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener', { error });
  });

  return app;
}

/** The Bolt app with every listener registered; not yet started. */
export function createApp(deps: AppDependencies): App {
  return buildApp(deps, listenerDependencies(deps));
}

/**
 * The nudges' own Web API client: it gives up at once on an error, a 429 or a timeout, and
 * the dispatcher retries later with backoff, so a nudge never ties up the process for minutes.
 */
function nudgeClient(config: AppConfig, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    logger: toBoltLogger(logger, config.logLevel),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: CALL_TIMEOUT_MS,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  });
}

function startNudges(deps: AppDependencies, listeners: ListenerDependencies): RunningNudges {
  return startReAuditNudges({
    store: deps.store,
    client: nudgeClient(deps.config, deps.logger),
    logger: deps.logger,
    clock: listeners.now,
    chart: listeners.chart,
    reauditAfterMs: deps.config.reauditAfterMs,
  });
}

function listenOptions(config: AppConfig): { port: number; host?: string } | undefined {
  if (config.connection.mode !== 'http') return undefined;
  const { port, host } = config.connection;
  return host === undefined ? { port } : { port, host };
}

/**
 * Verifies the bot token, connects (Socket Mode) or listens (HTTP), then starts posting due
 * re-audits. Stopping ends the nudges first (the delivery in flight finishes, leases go back),
 * then the Bolt app.
 */
export async function startApp(deps: AppDependencies): Promise<RunningApp> {
  const listeners = listenerDependencies(deps);
  const app = buildApp(deps, listeners);
  await app.init();

  const listen = listenOptions(deps.config);
  const server = listen === undefined ? await app.start() : await app.start(listen);
  const address = listen === undefined ? null : (server.address() as AddressInfo | null);
  const port = address?.port ?? null;

  const nudges = startNudges(deps, listeners);

  deps.logger.info('app started', { mode: deps.config.connection.mode, port });
  return {
    app,
    port,
    stop: async () => {
      await nudges.stop();
      await app.stop();
      deps.logger.info('app stopped');
    },
  };
}

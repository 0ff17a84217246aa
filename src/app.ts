import type { AddressInfo } from 'node:net';
import { App, type AppOptions, type CustomRoute, webApi } from '@slack/bolt';
import { type RunningNudges, startReAuditNudges } from './audits/reaudit-nudges.ts';
import {
  type CrossoverChartRenderer,
  createCrossoverChartRenderer,
} from './chart/crossover-chart.ts';
import { type AppConfig, DEFAULT_NUDGE_LEASE, EVENTS_PATH } from './config.ts';
import { type ListenerDependencies, registerListeners } from './handlers/index.ts';
import { type Logger, toBoltLogger } from './logger.ts';
import { dropRetriedDeliveries } from './middleware/drop-retried-deliveries.ts';
import { InFlight } from './middleware/in-flight.ts';
import { parseDuration } from './nudges/duration.ts';
import { type BotClients, createBotClients } from './slack/bot-clients.ts';
import { boltInstallationStore } from './slack/installation-store.ts';
import { BOT_SCOPES } from './slack/scopes.ts';
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

/** Where a load balancer asks whether this instance takes work. */
export const HEALTH_PATH = '/healthz';

/** How long shutdown waits for answers in flight before it stops anyway. */
const DRAIN_TIMEOUT_MS = 25_000;

/**
 * 200 while the instance takes work and its database answers; 503 once it is shutting down or
 * when the database does not answer, so the load balancer sends Slack's requests elsewhere.
 */
function healthRoute(store: Store, inFlight: InFlight): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_request, response) => {
      const reply = (status: number, body: Record<string, unknown>) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (!inFlight.accepting) return reply(503, { status: 'draining', inFlight: inFlight.size });
      store.ping().then(
        () => reply(200, { status: 'ok', inFlight: inFlight.size }),
        () => reply(503, { status: 'database unreachable' }),
      );
    },
  };
}

/** Options of every Web API client the app makes: Bolt's, and the ones nudges use. */
export function clientOptionsOf(config: AppConfig): webApi.WebClientOptions {
  return {
    retryConfig: RETRY,
    timeout: config.slackCallTimeoutMs,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  };
}

/**
 * How Bolt finds a token: one workspace's bot token, or, with OAuth, the install pages
 * (/slack/install, /slack/oauth_redirect) and the installation of whichever workspace a request
 * comes from, kept in the store.
 */
function authOptions(deps: AppDependencies, now: () => Date): AppOptions {
  const { oauth } = deps.config;
  if (!oauth) return { token: deps.config.botToken };
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: boltInstallationStore(deps.store.installations, now),
    installerOptions: { directInstall: true },
  };
}

function appOptions(deps: AppDependencies, now: () => Date, health: CustomRoute): AppOptions {
  const { config, logger } = deps;
  const common: AppOptions = {
    ...authOptions(deps, now),
    logger: toBoltLogger(logger, config.logLevel),
    clientOptions: clientOptionsOf(config),
    // Checked with auth.test in startApp, where a bad token fails start cleanly.
    deferInitialization: true,
  };

  if (config.connection.mode === 'socket') {
    return { ...common, socketMode: true, appToken: config.connection.appToken };
  }
  return {
    ...common,
    signingSecret: config.connection.signingSecret,
    endpoints: EVENTS_PATH,
    customRoutes: [health],
  };
}

/** What the listeners share; `now` is the clock every answer and nudge reads. */
function listenerDependencies(deps: AppDependencies): ListenerDependencies {
  return {
    logger: deps.logger,
    store: deps.store,
    now: deps.now ?? (() => new Date()),
    chart: deps.chart ?? createCrossoverChartRenderer(),
    reauditAfterMs: deps.config.reauditAfterMs,
  };
}

function buildApp(deps: AppDependencies, listeners: ListenerDependencies, inFlight: InFlight) {
  const health = healthRoute(deps.store, inFlight);
  const app = new App(appOptions(deps, listeners.now, health));

  app.use(inFlight.middleware());
  app.use(dropRetriedDeliveries({ store: deps.store, logger: deps.logger, now: listeners.now }));
  registerListeners(app, listeners);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener', { error });
  });

  return app;
}

/** The Bolt app with every listener registered; not yet started. */
export function createApp(deps: AppDependencies): App {
  return buildApp(deps, listenerDependencies(deps), new InFlight());
}

/**
 * The nudges' own Web API clients: they give up at once on an error, a 429 or a timeout, and
 * the dispatcher retries later with backoff, so a nudge never ties up the process for minutes.
 * One workspace's token, or each installing workspace's with OAuth.
 */
function nudgeClients(deps: AppDependencies): BotClients {
  const { config, logger } = deps;
  const options: webApi.WebClientOptions = {
    logger: toBoltLogger(logger, config.logLevel),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: config.slackCallTimeoutMs,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  };
  const single = new webApi.WebClient(config.botToken, options);
  return createBotClients(config, deps.store.installations, single, options);
}

function startNudges(deps: AppDependencies, listeners: ListenerDependencies): RunningNudges {
  return startReAuditNudges({
    store: deps.store,
    clients: nudgeClients(deps),
    logger: deps.logger,
    clock: listeners.now,
    chart: listeners.chart,
    reauditAfterMs: deps.config.reauditAfterMs,
    leaseMs: deps.config.nudgeLeaseMs ?? parseDuration(DEFAULT_NUDGE_LEASE),
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
  const inFlight = new InFlight();
  const app = buildApp(deps, listeners, inFlight);
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
      const idle = await inFlight.drain(DRAIN_TIMEOUT_MS);
      if (!idle) deps.logger.warn('stopping with work in flight', { inFlight: inFlight.size });
      await nudges.stop();
      await app.stop();
      deps.logger.info('app stopped');
    },
  };
}

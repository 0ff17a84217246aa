import { App, LogLevel } from '@slack/bolt';
import { startApp } from '../src/app.ts';
import { EVENTS_PATH, parseConfig, secretsOf } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { openStore } from '../src/store/index.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/support/slash-command.ts';
import type { ChildMessage, ParentMessage, ProcessMemory } from './processes.ts';

/**
 * A child process serving one app on 127.0.0.1, so the client's timings and the resident set are
 * the app's own: `real` is the selfhost-check app as main.ts starts it, `bare` a Bolt app whose
 * one listener acks. Argv: kind, Slack API URL, SQLite file. Talks to the bench over IPC.
 */

const MB = 1024 * 1024;

function memory(): ProcessMemory {
  // With BENCH_NODE_FLAGS=--expose-gc, the heap is collected first: what is kept, not garbage.
  (globalThis as { gc?: () => void }).gc?.();
  return {
    rssMb: process.memoryUsage.rss() / MB,
    // resourceUsage reports kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / MB,
  };
}

async function startReal(apiUrl: string, databasePath: string) {
  // The configuration main.ts would read from this environment.
  const parsed = parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: `sqlite:${databasePath}`,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));

  const { config } = parsed;
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const store = await openStore(config.databaseUrl, { logger });
  const running = await startApp({ config, logger, store });
  return { port: running.port ?? 0, stop: running.stop };
}

async function startBare(apiUrl: string) {
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    endpoints: EVENTS_PATH,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl },
    deferInitialization: true,
  });
  app.command('/selfhost-check', async ({ ack }) => {
    await ack();
  });

  await app.init();
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, stop: () => app.stop() };
}

async function main(): Promise<void> {
  const [kind, apiUrl, databasePath] = process.argv.slice(2);
  if (apiUrl === undefined || databasePath === undefined) throw new Error('usage: kind url db');

  const started = kind === 'bare' ? await startBare(apiUrl) : await startReal(apiUrl, databasePath);

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'memory') {
      process.send?.({ type: 'memory', memory: memory() } satisfies ChildMessage);
      return;
    }
    void started.stop().finally(() => process.exit(0));
  });
  process.send?.({ type: 'ready', port: started.port, memory: memory() } satisfies ChildMessage);
}

await main();

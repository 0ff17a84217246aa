import { App, LogLevel } from '@slack/bolt';
import { startApp } from '../src/app.ts';
import { EVENTS_PATH } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { openStore } from '../src/store/index.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/support/slash-command.ts';
import type { ChildMessage, ParentMessage, ProcessMemory } from './processes.ts';

/**
 * A child process serving one app on 127.0.0.1, so the client's timings and the resident set are
 * the app's own: `real` is the selfhost-check app as main.ts starts it, `bare` a Bolt app whose
 * one listener acks. Argv: kind, Slack API URL, SQLite file. Talks to the bench over IPC.
 */

const REAUDIT_AFTER_MS = 90 * 24 * 3_600_000;
const MB = 1024 * 1024;

function memory(): ProcessMemory {
  return {
    rssMb: process.memoryUsage.rss() / MB,
    // resourceUsage reports kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / MB,
  };
}

async function startReal(apiUrl: string, databasePath: string) {
  const logger = createLogger({ level: 'info', secrets: [BOT_TOKEN, SIGNING_SECRET] });
  const store = await openStore(`sqlite:${databasePath}`, { logger });
  const running = await startApp({
    config: {
      botToken: BOT_TOKEN,
      connection: { mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
      slackApiUrl: apiUrl,
      logLevel: 'info',
      reauditAfterMs: REAUDIT_AFTER_MS,
    },
    logger,
    store,
  });
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

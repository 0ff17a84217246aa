import { startApp } from './app.ts';
import { parseConfig, secretsOf } from './config.ts';
import { createLogger } from './logger.ts';
import { openStore } from './store/index.ts';

/** Entry point: read the environment, start the app, stop cleanly on a signal. */
async function main(): Promise<number> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const problem of parsed.problems) process.stderr.write(`selfhost-check: ${problem}\n`);
    return 1;
  }

  const { config } = parsed;
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });

  try {
    const store = await openStore(config.databaseUrl, { logger });
    const running = await startApp({ config, logger, store });
    const stop = async (signal: string) => {
      logger.info('stopping', { signal });
      await running.stop();
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (error) {
    logger.error('app failed to start', { error });
    return 1;
  }
}

const code = await main();
if (code !== 0) process.exit(code);

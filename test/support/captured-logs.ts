import { createLogger, type Logger, type LogLevel } from '../../src/logger.ts';

export interface CapturedLogs {
  logger: Logger;
  lines: string[];
  records(): Record<string, unknown>[];
}

/** The app's real logger, writing into an array a test can read. */
export function captureLogs(level: LogLevel = 'debug', secrets: string[] = []): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets, write: (line) => lines.push(line) });
  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

import { type Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

/** The app's one logger: structured, levelled, and blind to tokens and the signing secret. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Literal values never to print, such as the signing secret. */
  secrets?: readonly string[];
  /** Where each JSON line goes; stdout unless a test captures it. */
  write?: (line: string) => void;
  now?: () => Date;
  name?: string;
}

export const REDACTED = '[redacted]';

// Bot, user, app-level, refresh and configuration tokens all share these shapes.
const TOKEN_PATTERNS = [/xox[abepr]-[A-Za-z0-9-]+/g, /xapp-[A-Za-z0-9-]+/g];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with anything that looks like a Slack token, or any given secret, blanked out. */
export function redact(text: string, secrets: readonly string[] = []): string {
  const literal = secrets
    .filter((secret) => secret.length > 0)
    .map((secret) => new RegExp(escapeRegExp(secret), 'g'));

  return [...TOKEN_PATTERNS, ...literal].reduce(
    (result, pattern) => result.replace(pattern, REDACTED),
    text,
  );
}

function errorFields(error: Error): LogFields {
  const coded = error as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    name: error.name,
    message: error.message,
    ...(coded.code === undefined ? {} : { code: coded.code }),
    ...(coded.data?.error === undefined ? {} : { slackError: coded.data.error }),
  };
}

function serialize(record: LogFields, secrets: readonly string[]): string {
  return JSON.stringify(record, (_key, value: unknown) => {
    if (typeof value === 'string') return redact(value, secrets);
    if (value instanceof Error) return errorFields(value);
    return value;
  });
}

function rank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

/** A logger writing one JSON object a line, dropping what is below its level. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const secrets = options.secrets ?? [];

  const log =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (rank(level) < rank(options.level)) return;

      const record = {
        time: now().toISOString(),
        level,
        ...(options.name === undefined ? {} : { name: options.name }),
        msg: message,
        ...fields,
      };
      write(serialize(record, secrets));
    };

  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function joinArguments(parts: unknown[]): { message: string; fields: LogFields } {
  const words = parts.map((part) => {
    if (typeof part === 'string') return part;
    if (part instanceof Error) return part.message;
    return JSON.stringify(part);
  });
  const error = parts.find((part): part is Error => part instanceof Error);
  return { message: words.join(' '), fields: error === undefined ? {} : { error } };
}

const BOLT_LEVELS: Record<LogLevel, BoltLogLevel> = {
  debug: BoltLogLevel.DEBUG,
  info: BoltLogLevel.INFO,
  warn: BoltLogLevel.WARN,
  error: BoltLogLevel.ERROR,
};

/**
 * Bolt's logger interface over ours, so Bolt's and the Web API client's own lines come out
 * as the same JSON, levelled and redacted. Our level decides; Bolt's setLevel is ignored.
 */
export function toBoltLogger(logger: Logger, level: LogLevel): BoltLogger {
  let name = 'bolt';
  const forward =
    (method: LogLevel) =>
    (...parts: unknown[]) => {
      const { message, fields } = joinArguments(parts);
      logger[method](message, { source: name, ...fields });
    };

  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    setLevel: () => {},
    getLevel: () => BOLT_LEVELS[level],
    setName: (newName: string) => {
      name = newName;
    },
  };
}

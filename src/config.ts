import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logger.ts';
import { DEFAULT_REAUDIT_AFTER, DurationError, parseDuration } from './nudges/duration.ts';

export const DEFAULT_PORT = 3000;
export const EVENTS_PATH = '/slack/events';

/** How Slack reaches the app: a WebSocket it opens, or HTTP requests it receives. */
export type Connection =
  | { mode: 'socket'; appToken: string }
  | { mode: 'http'; signingSecret: string; port: number; host?: string };

export interface AppConfig {
  botToken: string;
  connection: Connection;
  /** Replaces https://slack.com/api/ (proxies, GovSlack, local doubles in tests). */
  slackApiUrl?: string;
  logLevel: LogLevel;
  /** Where audits are stored: a SQLite file by default, PostgreSQL for several instances. */
  databaseUrl?: string;
  /** How long after an audit its re-audit nudge is due. */
  reauditAfterMs: number;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

const BAD_PORT = 'PORT must be a whole number from 0 to 65535.';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({
      error: 'SLACK_BOT_TOKEN is not set: give the bot token (xoxb-…) from OAuth & Permissions.',
    })
    .trim()
    .startsWith('xoxb-', { error: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-.' }),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xapp-', {
        error: 'SLACK_APP_TOKEN must be an app-level token starting with xapp-.',
      })
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: 'SLACK_API_URL must be an http(s) URL.' }).optional(),
  ),
  PORT: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: BAD_PORT })
      .int({ error: BAD_PORT })
      .min(0, { error: BAD_PORT })
      .max(65_535, { error: BAD_PORT })
      .default(DEFAULT_PORT),
  ),
  HOST: optionalText,
  DATABASE_URL: optionalText,
  REAUDIT_AFTER: optionalText
    .pipe(z.string().default(DEFAULT_REAUDIT_AFTER))
    .transform((value, context) => {
      try {
        return parseDuration(value, 'REAUDIT_AFTER');
      } catch (error) {
        if (!(error instanceof DurationError)) throw error;
        context.addIssue({ code: 'custom', message: `${error.message}.` });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: optionalText.pipe(
    z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` })
      .default('info'),
  ),
});

type Env = z.output<typeof envSchema>;

const MISSING_SIGNING_SECRET =
  'SLACK_SIGNING_SECRET is not set: HTTP mode needs the signing secret from Basic Information ' +
  '(or set SLACK_APP_TOKEN to use Socket Mode).';

function connectionFrom(env: Env): Connection | undefined {
  if (env.SLACK_APP_TOKEN !== undefined) return { mode: 'socket', appToken: env.SLACK_APP_TOKEN };
  if (env.SLACK_SIGNING_SECRET === undefined) return undefined;

  return {
    mode: 'http',
    signingSecret: env.SLACK_SIGNING_SECRET,
    port: env.PORT,
    ...(env.HOST === undefined ? {} : { host: env.HOST }),
  };
}

/**
 * The app's settings from the environment: Socket Mode when SLACK_APP_TOKEN is set, otherwise
 * HTTP on PORT. Problems come back one a variable, each naming it.
 */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  }

  const connection = connectionFrom(parsed.data);
  if (connection === undefined) return { ok: false, problems: [MISSING_SIGNING_SECRET] };

  return {
    ok: true,
    config: {
      botToken: parsed.data.SLACK_BOT_TOKEN,
      connection,
      ...(parsed.data.SLACK_API_URL === undefined
        ? {}
        : { slackApiUrl: parsed.data.SLACK_API_URL }),
      logLevel: parsed.data.LOG_LEVEL,
      reauditAfterMs: parsed.data.REAUDIT_AFTER,
      ...(parsed.data.DATABASE_URL === undefined ? {} : { databaseUrl: parsed.data.DATABASE_URL }),
    },
  };
}

/** Values a log line must never show. */
export function secretsOf(config: AppConfig): string[] {
  const secrets = [config.botToken];
  if (config.connection.mode === 'socket') secrets.push(config.connection.appToken);
  if (config.connection.mode === 'http') secrets.push(config.connection.signingSecret);
  return secrets;
}

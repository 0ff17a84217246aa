import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logger.ts';
import { DEFAULT_REAUDIT_AFTER, DurationError, parseDuration } from './nudges/duration.ts';

export const DEFAULT_PORT = 3000;
export const EVENTS_PATH = '/slack/events';

/** How Slack reaches the app: a WebSocket it opens, or HTTP requests it receives. */
export type Connection =
  | { mode: 'socket'; appToken: string }
  | { mode: 'http'; signingSecret: string; port: number; host?: string };

/** Installation into many workspaces through Slack's OAuth flow. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export interface AppConfig {
  /** One workspace's bot token; absent when the app is installed through OAuth. */
  botToken?: string;
  /** Set when the app serves the OAuth install flow and keeps installations in its store. */
  oauth?: OAuthConfig;
  connection: Connection;
  /** Replaces https://slack.com/api/ (proxies, GovSlack, local doubles in tests). */
  slackApiUrl?: string;
  logLevel: LogLevel;
  /** How long one Web API call may take before it counts as failed (and is retried). */
  slackCallTimeoutMs: number;
  /** Where audits are stored: a SQLite file by default, PostgreSQL for several instances. */
  databaseUrl?: string;
  /** How long after an audit its re-audit nudge is due. */
  reauditAfterMs: number;
  /**
   * How long an instance holds a nudge it claimed unless it renews the lease: how long the
   * nudges of a crashed instance wait before another instance sends them.
   */
  nudgeLeaseMs?: number;
}

/**
 * A delivery renders a chart and makes three Slack calls of at most 15 s each; the lease is
 * renewed while it runs, so it only bounds how long a crashed instance holds its nudges.
 */
export const DEFAULT_NUDGE_LEASE = '2m';

/** A person waits for the answer: a Web API call slower than this is retried, not awaited. */
export const DEFAULT_SLACK_CALL_TIMEOUT = '15s';

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

const BAD_PORT = 'PORT must be a whole number from 0 to 65535.';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** Milliseconds of a duration variable, or an issue naming it. */
function durationOrIssue(value: string, variable: string, context: z.RefinementCtx): number {
  try {
    return parseDuration(value, variable);
  } catch (error) {
    if (!(error instanceof DurationError)) throw error;
    context.addIssue({ code: 'custom', message: `${error.message}.` });
    return z.NEVER;
  }
}

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xoxb-', { error: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-.' })
      .optional(),
  ),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
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
  SLACK_CALL_TIMEOUT: optionalText
    .pipe(z.string().default(DEFAULT_SLACK_CALL_TIMEOUT))
    .transform((value, context) => durationOrIssue(value, 'SLACK_CALL_TIMEOUT', context)),
  NUDGE_LEASE: optionalText
    .pipe(z.string().default(DEFAULT_NUDGE_LEASE))
    .transform((value, context) => durationOrIssue(value, 'NUDGE_LEASE', context)),
  REAUDIT_AFTER: optionalText
    .pipe(z.string().default(DEFAULT_REAUDIT_AFTER))
    .transform((value, context) => durationOrIssue(value, 'REAUDIT_AFTER', context)),
  LOG_LEVEL: optionalText.pipe(
    z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` })
      .default('info'),
  ),
});

type Env = z.output<typeof envSchema>;

const MISSING_BOT_TOKEN =
  'SLACK_BOT_TOKEN is not set: give the bot token (xoxb-…) from OAuth & Permissions, or set ' +
  'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install into many workspaces.';

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

const OAUTH_NEEDS_HTTP =
  'The OAuth install flow needs HTTP mode: unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET.';

/** OAuth settings when all three are set; a problem naming the missing ones when only some are. */
function oauthFrom(env: Env): { oauth?: OAuthConfig; problem?: string } {
  const missing = OAUTH_VARIABLES.filter((name) => env[name] === undefined);
  if (missing.length === OAUTH_VARIABLES.length) return {};
  if (missing.length > 0) {
    return { problem: `${missing.join(' and ')} must be set too, to install through OAuth.` };
  }
  return {
    oauth: {
      clientId: env.SLACK_CLIENT_ID as string,
      clientSecret: env.SLACK_CLIENT_SECRET as string,
      stateSecret: env.SLACK_STATE_SECRET as string,
    },
  };
}

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
  const { oauth, problem } = oauthFrom(parsed.data);
  const problems = [
    connection === undefined ? MISSING_SIGNING_SECRET : undefined,
    problem,
    oauth === undefined && parsed.data.SLACK_BOT_TOKEN === undefined
      ? MISSING_BOT_TOKEN
      : undefined,
    oauth !== undefined && connection?.mode === 'socket' ? OAUTH_NEEDS_HTTP : undefined,
  ].filter((text): text is string => text !== undefined);
  if (connection === undefined || problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    config: {
      ...(parsed.data.SLACK_BOT_TOKEN === undefined
        ? {}
        : { botToken: parsed.data.SLACK_BOT_TOKEN }),
      ...(oauth === undefined ? {} : { oauth }),
      connection,
      ...(parsed.data.SLACK_API_URL === undefined
        ? {}
        : { slackApiUrl: parsed.data.SLACK_API_URL }),
      logLevel: parsed.data.LOG_LEVEL,
      reauditAfterMs: parsed.data.REAUDIT_AFTER,
      nudgeLeaseMs: parsed.data.NUDGE_LEASE,
      slackCallTimeoutMs: parsed.data.SLACK_CALL_TIMEOUT,
      ...(parsed.data.DATABASE_URL === undefined ? {} : { databaseUrl: parsed.data.DATABASE_URL }),
    },
  };
}

/** Values a log line must never show. */
export function secretsOf(config: AppConfig): string[] {
  const secrets = config.botToken === undefined ? [] : [config.botToken];
  if (config.oauth) secrets.push(config.oauth.clientSecret, config.oauth.stateSecret);
  if (config.connection.mode === 'socket') secrets.push(config.connection.appToken);
  if (config.connection.mode === 'http') secrets.push(config.connection.signingSecret);
  return secrets;
}

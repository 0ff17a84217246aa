import { z } from 'zod';
import { workloadSchema } from '../engine/workload.ts';
import { auditSummarySchema } from './audit-summary.ts';
import { StoredRowError } from './errors.ts';
import type { Audit, Installation } from './types.ts';

/* Stored rows are untrusted input: another version of the app, or a hand, may have written them. */

/** PostgreSQL returns bigint as a string, SQLite as a number: both become a Date. */
const epochMs = z
  .union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .pipe(z.number().int().min(0).max(8.64e15))
  .transform((ms) => new Date(ms));

const flag = z.union([z.literal(0), z.literal(1)]).transform((value) => value === 1);
const count = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const auditRowSchema = z
  .object({
    id: z.string().min(1),
    team_id: z.string().min(1),
    enterprise_id: z.string().nullable(),
    channel_id: z.string().min(1),
    thread_ts: z.string().nullable(),
    user_id: z.string().min(1),
    workload: jsonText(workloadSchema),
    summary: jsonText(auditSummarySchema),
    catalog_as_of: isoDate,
    created_at: epochMs,
    repeats_audit_id: z.string().nullable(),
    reminders_enabled: flag,
    stopped_reason: z.string().nullable(),
    next_nudge_at: epochMs.nullable(),
    nudge_early: flag,
    early_catalog_as_of: isoDate.nullable(),
    nudge_attempts: count,
    last_error: z.string().nullable(),
    last_nudged_at: epochMs.nullable(),
    nudges_delivered: count,
  })
  .transform(
    (row): Audit => ({
      id: row.id,
      teamId: row.team_id,
      enterpriseId: row.enterprise_id,
      channelId: row.channel_id,
      threadTs: row.thread_ts,
      userId: row.user_id,
      workload: row.workload,
      summary: row.summary,
      catalogAsOf: row.catalog_as_of,
      createdAt: row.created_at,
      repeatsAuditId: row.repeats_audit_id,
      remindersEnabled: row.reminders_enabled,
      stoppedReason: row.stopped_reason,
      nextNudgeAt: row.next_nudge_at,
      nudgeEarly: row.nudge_early,
      earlyCatalogAsOf: row.early_catalog_as_of,
      nudgeAttempts: row.nudge_attempts,
      lastError: row.last_error,
      lastNudgedAt: row.last_nudged_at,
      nudgesDelivered: row.nudges_delivered,
    }),
  );

const leaseRowSchema = z.object({ next_nudge_at: epochMs, lease_until: epochMs });

const installationRowSchema = z
  .object({
    team_id: z.string().nullable(),
    enterprise_id: z.string().nullable(),
    is_enterprise_install: flag,
    bot_token: z.string().min(1),
    bot_user_id: z.string().min(1),
    bot_id: z.string().nullable(),
    installation: jsonText(z.record(z.string(), z.unknown())),
    installed_at: epochMs,
  })
  .transform(
    (row): Installation => ({
      teamId: row.team_id,
      enterpriseId: row.enterprise_id,
      isEnterpriseInstall: row.is_enterprise_install,
      botToken: row.bot_token,
      botUserId: row.bot_user_id,
      botId: row.bot_id,
      installedAt: row.installed_at,
      raw: row.installation,
    }),
  );

function rowId(row: unknown, key: string): string {
  const value = typeof row === 'object' && row !== null ? Reflect.get(row, key) : undefined;
  return typeof value === 'string' ? value : '(unknown id)';
}

function parseRow<T>(schema: z.ZodType<T>, table: string, key: string, row: unknown): T {
  const result = schema.safeParse(row);

  if (!result.success) {
    // Values are left out of the message: an installation row holds a token.
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new StoredRowError(table, rowId(row, key), problems.join('; '));
  }

  return result.data;
}

/** An audit row, checked. */
export function parseAuditRow(row: unknown): Audit {
  return parseRow(auditRowSchema, 'audits', 'id', row);
}

/** The due time and lease of a claimed audit row, checked. */
export function parseLeaseRow(row: unknown): { dueAt: Date; leaseUntil: Date } {
  const lease = parseRow(leaseRowSchema, 'audits', 'id', row);
  return { dueAt: lease.next_nudge_at, leaseUntil: lease.lease_until };
}

/** An installation row, checked. */
export function parseInstallationRow(row: unknown): Installation {
  return parseRow(installationRowSchema, 'installations', 'installation_key', row);
}

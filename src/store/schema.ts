import type { Generated } from 'kysely';

/*
 * Both engines store the same things the same way: times as epoch milliseconds (bigint),
 * booleans as 0 or 1, JSON as text. PostgreSQL hands bigints back as strings, so every row read
 * goes through the zod schemas in rows.ts.
 */

export interface AuditsTable {
  id: string;
  team_id: string;
  enterprise_id: string | null;
  channel_id: string;
  thread_ts: string | null;
  user_id: string;
  workload: string;
  summary: string;
  catalog_as_of: string;
  created_at: number;
  repeats_audit_id: string | null;
  reminders_enabled: Generated<number>;
  stopped_reason: string | null;
  next_nudge_at: number | null;
  nudge_early: Generated<number>;
  early_catalog_as_of: string | null;
  nudge_attempts: Generated<number>;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: number | null;
  last_nudged_at: number | null;
  nudges_delivered: Generated<number>;
}

export interface InstallationsTable {
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  bot_token: string;
  bot_user_id: string;
  bot_id: string | null;
  installation: string;
  installed_at: number;
  updated_at: number;
}

export interface RequestKeysTable {
  team_id: string;
  request_key: string;
  seen_at: number;
}

export interface StoreMigrationsTable {
  name: string;
  applied_at: number;
}

export interface Tables {
  audits: AuditsTable;
  installations: InstallationsTable;
  request_keys: RequestKeysTable;
  store_migrations: StoreMigrationsTable;
}

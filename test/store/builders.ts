import { referenceWorkload } from '../../src/engine/workload.ts';
import type {
  Audit,
  AuditSummary,
  AuditThread,
  NewAudit,
  TeamScope,
} from '../../src/store/index.ts';

export const TEAM: TeamScope = { teamId: 'T0001', enterpriseId: null };
export const OTHER_TEAM: TeamScope = { teamId: 'T0002', enterpriseId: 'E0002' };
export const DAY_MS = 86_400_000;
export const T0 = new Date('2026-01-05T09:00:00.000Z');

export function at(offsetMs: number): Date {
  return new Date(T0.getTime() + offsetMs);
}

export function summary(overrides: Partial<AuditSummary> = {}): AuditSummary {
  return {
    band: 'evaluate',
    catalogAsOf: '2026-11-01',
    apiModel: 'claude-sonnet-4-6',
    openModel: 'llama-4-maverick',
    gpu: 'h100-sxm',
    gpusPerReplica: 8,
    gpuHourlyUsd: 3.29,
    apiCostPerRequest: 0.032,
    apiMonthlyCost: 48_000,
    selfHostMonthlyCost: 26_000,
    selfHostMonthlyCostLoaded: 41_000,
    crossover: 700_000,
    crossoverLoaded: 1_200_000,
    ...overrides,
  };
}

/** An audit as the answer to a slash command would store it, scheduled 90 days on. */
export function newAudit(overrides: Partial<NewAudit> = {}): NewAudit {
  return {
    scope: TEAM,
    channelId: 'C0001',
    threadTs: '1767603600.000100',
    userId: 'U0001',
    workload: referenceWorkload,
    summary: summary(),
    catalogAsOf: '2026-01-01',
    createdAt: T0,
    nextNudgeAt: at(90 * DAY_MS),
    ...overrides,
  };
}

/** An audit as the store returns it, for builders of what the app shows. */
export function storedAudit(overrides: Partial<Audit> = {}): Audit {
  return {
    id: 'aB3dE5gH7jK9mN1p',
    teamId: TEAM.teamId,
    enterpriseId: null,
    channelId: 'C0001',
    threadTs: '1767603600.000100',
    userId: 'U0001',
    workload: referenceWorkload,
    summary: summary(),
    catalogAsOf: '2026-11-01',
    createdAt: T0,
    repeatsAuditId: null,
    remindersEnabled: true,
    stoppedReason: null,
    nextNudgeAt: at(90 * DAY_MS),
    nudgeEarly: false,
    earlyCatalogAsOf: null,
    nudgeAttempts: 0,
    lastError: null,
    lastNudgedAt: null,
    nudgesDelivered: 0,
    ...overrides,
  };
}

/** A thread: its first audit and, changed by `latest`, its newest evaluation. */
export function storedThread(root: Partial<Audit> = {}, latest: Partial<Audit> = {}): AuditThread {
  const first = storedAudit(root);
  return { audit: first, latest: { ...first, ...latest } };
}

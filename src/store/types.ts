import type { Workload } from '../engine/workload.ts';
import type { AuditSummary } from './audit-summary.ts';

/**
 * The workspace a request comes from. Slack team ids are unique across Slack, so `teamId` alone
 * decides what a caller may see; `enterpriseId` is kept on every row for Enterprise Grid.
 */
export interface TeamScope {
  teamId: string;
  enterpriseId?: string | null;
}

/** A levelled logger; Bolt's logger and `console` both fit. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * One evaluation posted in Slack. The first audit of a thread carries the thread's nudge schedule;
 * its re-audits link to it through `repeatsAuditId` and carry no schedule of their own.
 */
export interface Audit {
  id: string;
  teamId: string;
  enterpriseId: string | null;
  channelId: string;
  threadTs: string | null;
  userId: string;
  workload: Workload;
  summary: AuditSummary;
  /** The catalog's date (YYYY-MM-DD) the report was computed with. */
  catalogAsOf: string;
  createdAt: Date;
  repeatsAuditId: string | null;
  remindersEnabled: boolean;
  /** Why nudges stopped for good (a Slack error code or `stopped_by_user`); null while they run. */
  stoppedReason: string | null;
  nextNudgeAt: Date | null;
  /** The next nudge was brought forward by a newer catalog. */
  nudgeEarly: boolean;
  /** The catalog date that last brought a nudge forward: each catalog does it once. */
  earlyCatalogAsOf: string | null;
  /** Failed deliveries of the current nudge; reset when one is delivered. */
  nudgeAttempts: number;
  lastError: string | null;
  lastNudgedAt: Date | null;
  nudgesDelivered: number;
}

/** A thread's first audit and its newest evaluation (the audit itself when never re-audited). */
export interface AuditThread {
  audit: Audit;
  latest: Audit;
}

export interface NewAudit {
  scope: TeamScope;
  channelId: string;
  /** Null until the answer is posted; see `AuditRepository.setThreadTs`. */
  threadTs: string | null;
  userId: string;
  workload: Workload;
  summary: AuditSummary;
  catalogAsOf: string;
  createdAt: Date;
  /** When the first nudge is due; null schedules none. */
  nextNudgeAt: Date | null;
}

export interface NewReAudit {
  userId: string;
  workload: Workload;
  summary: AuditSummary;
  catalogAsOf: string;
  createdAt: Date;
  /** Null when posted in the thread's own message flow; defaults to the thread's ts. */
  threadTs?: string | null;
  /** Moves the thread's next nudge (for "Edit inputs"); left alone when omitted. */
  nextNudgeAt?: Date;
}

export interface ListOptions {
  limit?: number;
}

/** Audits of one team: every method answers only for the caller's team. */
export interface AuditRepository {
  create(input: NewAudit): Promise<Audit>;
  /** The audit or re-audit with this id, or undefined when it is another team's or unknown. */
  get(scope: TeamScope, id: string): Promise<Audit | undefined>;
  /** The thread an audit or re-audit belongs to. */
  getThread(scope: TeamScope, id: string): Promise<AuditThread | undefined>;
  /** The thread's audits, oldest first. */
  history(scope: TeamScope, id: string): Promise<Audit[]>;
  /** Threads started in a channel, recent first. */
  listByChannel(scope: TeamScope, channelId: string, options?: ListOptions): Promise<AuditThread[]>;
  /** Threads of the team, recent first. */
  listByTeam(scope: TeamScope, options?: ListOptions): Promise<AuditThread[]>;
  setThreadTs(scope: TeamScope, id: string, threadTs: string): Promise<Audit | undefined>;
  /** Turning reminders on also clears a stop reason; a nudge already past due goes out next. */
  setReminders(scope: TeamScope, id: string, enabled: boolean): Promise<Audit | undefined>;
  /** The thread's next nudge at `now` + 14 days. */
  snooze(scope: TeamScope, id: string, now: Date): Promise<Audit | undefined>;
  /** Stops the thread's nudges for good and records why. */
  stop(scope: TeamScope, id: string, reason: string): Promise<Audit | undefined>;
  /** Stores a later evaluation of the thread `repeatsId` belongs to. */
  recordReAudit(scope: TeamScope, repeatsId: string, input: NewReAudit): Promise<Audit>;
}

/** A nudge claimed by one dispatcher: nobody else delivers it until `leaseUntil`. */
export interface ClaimedNudge {
  audit: Audit;
  dueAt: Date;
  leaseUntil: Date;
}

export interface ClaimRequest {
  owner: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
}

/**
 * The nudge schedule across all teams, for the dispatcher. Every write after a claim is fenced by
 * the owner, so a dispatcher whose lease was taken over cannot overwrite the new holder's work.
 */
export interface NudgeQueue {
  /**
   * Leases up to `limit` due nudges in one atomic statement: the earliest due in each channel,
   * earliest first. One a channel, because Slack takes about one message a second in a channel;
   * a channel's next nudge comes with a later claim.
   */
  claimDue(request: ClaimRequest): Promise<ClaimedNudge[]>;
  /** Extends a lease this owner still holds; false when another dispatcher took it over. */
  renewLease(auditId: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Records a delivery and schedules the next nudge. */
  complete(auditId: string, owner: string, deliveredAt: Date, nextDueAt: Date): Promise<boolean>;
  /** Keeps the nudge due at `dueAt` after a failed delivery, counting the attempt. */
  retryLater(auditId: string, owner: string, dueAt: Date, error: string): Promise<boolean>;
  /** Stops the audit's nudges for good after a permanent failure. */
  stopPermanently(auditId: string, reason: string): Promise<boolean>;
  /** Gives back this owner's leases so another dispatcher can claim them now. */
  releaseLeases(owner: string): Promise<number>;
  /** Scheduled threads not yet brought forward for this catalog, by id after `afterId`. */
  listUnmarkedForCatalog(
    catalogAsOf: string,
    afterId: string,
    limit: number,
  ): Promise<AuditThread[]>;
  /** Makes a thread's nudge due now, once for this catalog; false when it was already marked. */
  markEarly(auditId: string, catalogAsOf: string, now: Date): Promise<boolean>;
}

export interface Installation {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botToken: string;
  botUserId: string;
  botId: string | null;
  installedAt: Date;
  /** Everything the OAuth flow returned, for Bolt's installation store. */
  raw: Record<string, unknown>;
}

export interface InstallationQuery {
  teamId: string | null | undefined;
  enterpriseId: string | null | undefined;
  isEnterpriseInstall: boolean;
}

/** Bot installations by workspace, or by organisation for org-wide installs. */
export interface InstallationRepository {
  save(installation: Installation): Promise<void>;
  find(query: InstallationQuery): Promise<Installation | undefined>;
  delete(query: InstallationQuery): Promise<boolean>;
}

/**
 * Requests already handled, shared by every instance: a retried Slack delivery that reaches
 * another instance is recognised there too.
 */
export interface RequestKeyRepository {
  /** True the first time a key is seen in a team, false every time after. */
  firstSeen(scope: TeamScope, key: string, now: Date): Promise<boolean>;
  /** Forgets keys seen before `before`; returns how many. */
  forgetBefore(before: Date): Promise<number>;
}

export type StoreEngine = 'sqlite' | 'postgres';

export interface Store {
  readonly engine: StoreEngine;
  readonly audits: AuditRepository;
  readonly nudges: NudgeQueue;
  readonly installations: InstallationRepository;
  readonly requestKeys: RequestKeyRepository;
  /** Resolves when the database answers a trivial query; rejects when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

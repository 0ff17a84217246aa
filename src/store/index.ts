export { type AuditSummary, auditSummarySchema } from './audit-summary.ts';
export { SNOOZE_MS, STOPPED_BY_USER } from './audits.ts';
export { type DatabaseTarget, DEFAULT_SQLITE_PATH, parseDatabaseUrl } from './database-url.ts';
export {
  AuditNotFoundError,
  DatabaseUrlError,
  StoredRowError,
  StoreError,
  type StoreErrorCode,
} from './errors.ts';
export { newAuditId } from './ids.ts';
export { STORED_ROW_INVALID } from './nudge-queue.ts';
export { openStore, type StoreOptions } from './open-store.ts';
export type * from './types.ts';

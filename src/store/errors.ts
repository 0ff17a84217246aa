/** Stable codes of the store's failures, for logs and tests. */
export type StoreErrorCode = 'database_url_invalid' | 'stored_row_invalid' | 'audit_not_found';

/** The base of the store's errors: every failure carries a stable code. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** DATABASE_URL names no engine the store speaks. The message never repeats a password. */
export class DatabaseUrlError extends StoreError {
  constructor(message: string) {
    super('database_url_invalid', message);
  }
}

/** A row read back from the database does not have the shape the store wrote. */
export class StoredRowError extends StoreError {
  readonly table: string;
  readonly rowId: string;

  constructor(table: string, rowId: string, problems: string) {
    super('stored_row_invalid', `stored ${table} row ${rowId} is invalid: ${problems}`);
    this.table = table;
    this.rowId = rowId;
  }
}

/** A re-audit names an audit that is not in the caller's team. */
export class AuditNotFoundError extends StoreError {
  constructor(auditId: string) {
    super('audit_not_found', `no audit ${auditId} in this team`);
  }
}

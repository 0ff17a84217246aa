/** Why the engine could not evaluate a workload: each code names one kind of bad input. */
export type WorkloadErrorCode =
  | 'unknown-api-model'
  | 'unknown-open-model'
  | 'unknown-gpu'
  | 'unsupported-precision'
  | 'does-not-fit'
  | 'exceeds-context';

/** A workload the engine cannot evaluate, with a message written for the person who typed it. */
export class WorkloadError extends Error {
  readonly code: WorkloadErrorCode;

  constructor(code: WorkloadErrorCode, message: string) {
    super(message);
    this.name = 'WorkloadError';
    this.code = code;
  }
}

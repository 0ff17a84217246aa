import { randomBytes } from 'node:crypto';

/** 96 random bits: unguessable, and 16 url-safe characters fit any button value. */
const AUDIT_ID_BYTES = 12;

/** A new audit id: random, url-safe, 16 characters. */
export function newAuditId(): string {
  return randomBytes(AUDIT_ID_BYTES).toString('base64url');
}

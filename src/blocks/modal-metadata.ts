import { z } from 'zod';

/**
 * What the workload modal carries in its `private_metadata` from the moment it opens to its
 * submission: where the answer goes, or the audit being edited. The workload itself is in the
 * form's inputs. Slack returns the metadata as sent; it is read as untrusted input all the same.
 */
export interface ModalMetadata {
  /** The channel the command was typed in; absent when the form asks where to post. */
  channelId?: string;
  /** The audit whose inputs are being edited: the answer goes into its thread. */
  auditId?: string;
}

/** Slack's limit on a view's private_metadata. */
export const PRIVATE_METADATA_MAX = 3_000;

const metadataSchema = z.object({
  channelId: z
    .string()
    .regex(/^[CDG][A-Z0-9]{2,30}$/)
    .optional(),
  auditId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export function writeModalMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(metadata);
}

/** The metadata of a submitted modal, or undefined when it is not what the app wrote. */
export function readModalMetadata(text: string): ModalMetadata | undefined {
  if (text.length > PRIVATE_METADATA_MAX) return undefined;

  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    return undefined;
  }

  const parsed = metadataSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

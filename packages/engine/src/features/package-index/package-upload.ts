import type { SpooledFile } from './spool-multipart.js';

/** A parsed upload request of the legacy API (`:action=file_upload`), as twine sends it. */
export interface PackageUpload {
  /** Every text field, in order; repeated fields (classifiers, requires_dist) repeat. */
  readonly fields: readonly (readonly [string, string])[];
  /** The `content` part: its file name and bytes (or where they were spooled, with digests). */
  readonly filename: string;
  readonly content: Buffer | SpooledFile;
}

/** The first value of a form field, or undefined. */
export function formField(upload: PackageUpload, name: string): string | undefined {
  return upload.fields.find(([field]) => field === name)?.[1];
}

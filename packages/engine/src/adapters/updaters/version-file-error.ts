import { SlipwayError } from '@slipway/core';

/** Every updater failure names the file (and, in `message`, the key or line). */
export function versionFileError(path: string, message: string, hint?: string): SlipwayError {
  return new SlipwayError('VERSION_FILE', `${path}: ${message}`, {
    subject: path,
    ...(hint === undefined ? {} : { hint }),
  });
}

/** Replaces `[start, end)` of `text`. */
export function splice(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

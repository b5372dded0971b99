import { SlipwayError } from '@slipway/core';
import type { PullRequestForgeKind } from './forge-port.js';

const FORGE_NAMES: Record<PullRequestForgeKind, string> = { github: 'GitHub', gitlab: 'GitLab' };

export interface ForgeFailure {
  readonly forge: PullRequestForgeKind;
  /** What was being done, e.g. `create pull request`. */
  readonly operation: string;
  /** Null when no response came back (network error, timeout). */
  readonly status: number | null;
  /** The API's own words, already flattened to one line. */
  readonly apiMessage: string;
  readonly token: string;
  readonly cause?: unknown;
  readonly hint?: string;
}

/** The one FORGE_FAILED shape: forge, operation, HTTP status and the API's message, never the token. */
export function forgeError(failure: ForgeFailure): SlipwayError {
  const status = failure.status === null ? '' : ` (HTTP ${failure.status})`;
  const text = `${FORGE_NAMES[failure.forge]}: ${failure.operation} failed${status}: ${failure.apiMessage}`;
  const hint = failure.hint ?? hintFor(failure.forge, failure.status);
  return new SlipwayError('FORGE_FAILED', redact(text, failure.token), {
    cause: failure.cause,
    ...(hint === undefined ? {} : { hint: redact(hint, failure.token) }),
  });
}

function hintFor(forge: PullRequestForgeKind, status: number | null): string | undefined {
  const variables = forge === 'github' ? 'GITHUB_TOKEN or GH_TOKEN' : 'GITLAB_TOKEN';
  if (status === 401) return `Check the token in ${variables}; it was refused.`;
  if (status === 403) {
    return `The token in ${variables} lacks a permission (pull requests and issues: write).`;
  }
  if (status === 404) return 'The repository was not found, or the token cannot see it.';
  if (status !== null && status >= 500) return 'The forge had an internal error; try again.';
  return undefined;
}

// APIs sometimes echo what they were sent; a token must never reach a log or a terminal.
function redact(text: string, token: string): string {
  return token.length < 4 ? text : text.split(token).join('***');
}

/**
 * Flattens the error bodies forges send: `{message}` with GitHub's `errors[]`, and GitLab's
 * `message` as a string, a list, or a field → messages map, or OAuth's `{error, error_description}`.
 */
export function apiErrorMessage(data: unknown, fallback: string): string {
  if (typeof data === 'string') return data.trim() === '' ? fallback : data.trim().slice(0, 500);
  if (typeof data !== 'object' || data === null) return fallback;
  const record = data as Record<string, unknown>;
  const main =
    flatten(record.message) ?? flatten(record.error_description) ?? flatten(record.error);
  const details = Array.isArray(record.errors)
    ? record.errors.map(describeGitHubError).filter((text) => text !== '')
    : [];
  const head = main ?? fallback;
  return details.length === 0 ? head : `${head}: ${details.join('; ')}`;
}

function flatten(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => flatten(item) ?? '').join('; ');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([field, inner]) => `${field} ${flatten(inner) ?? ''}`.trim())
      .join('; ');
  }
  return null;
}

function describeGitHubError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return '';
  const { message, resource, field, code } = error as Record<string, unknown>;
  if (typeof message === 'string') return message;
  return [resource, field, code].filter((part) => typeof part === 'string').join(' ');
}

/** True for an AbortSignal.timeout() firing, however deep a client wrapped it. */
export function isTimeout(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.name === 'TimeoutError') return true;
    current = current.cause;
  }
  return false;
}

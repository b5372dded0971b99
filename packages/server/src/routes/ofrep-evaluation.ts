import { createHash } from 'node:crypto';
import type { CompiledFlagSet, EvaluationContext, FlagEvaluation } from '@slipway/core';
import { canonicalJson, evaluateAllFlags, evaluateFlag } from '@slipway/core';
import type { OfrepFailure, OfrepSuccess } from '../schemas/ofrep-schemas.js';

export interface OfrepAnswer {
  readonly status: 200 | 400 | 404;
  readonly body: OfrepSuccess | OfrepFailure;
}

/** One evaluation in OFREP's shape: success, flag-not-found (404) or failure (400). */
export function ofrepAnswer(key: string, evaluation: FlagEvaluation): OfrepAnswer {
  const metadata = evaluation.flagMetadata;
  const withMetadata = Object.keys(metadata).length === 0 ? {} : { metadata };
  if (evaluation.errorCode !== undefined) {
    const body: OfrepFailure = {
      key,
      errorCode: evaluation.errorCode === 'TYPE_MISMATCH' ? 'GENERAL' : evaluation.errorCode,
      ...(evaluation.errorMessage === undefined ? {} : { errorDetails: evaluation.errorMessage }),
      ...withMetadata,
    };
    return { status: evaluation.errorCode === 'FLAG_NOT_FOUND' ? 404 : 400, body };
  }
  const body: OfrepSuccess = {
    key,
    reason: evaluation.reason === 'ERROR' ? 'UNKNOWN' : evaluation.reason,
    ...(evaluation.variant === undefined ? {} : { variant: evaluation.variant }),
    ...(evaluation.value === undefined ? {} : { value: evaluation.value }),
    ...withMetadata,
  };
  return { status: 200, body };
}

export function evaluateOne(
  flagSet: CompiledFlagSet,
  key: string,
  context: EvaluationContext,
): OfrepAnswer {
  return ofrepAnswer(key, evaluateFlag(flagSet, key, context));
}

export function evaluateBulk(
  flagSet: CompiledFlagSet,
  context: EvaluationContext,
): (OfrepSuccess | OfrepFailure)[] {
  const flags: (OfrepSuccess | OfrepFailure)[] = [];
  for (const [key, evaluation] of evaluateAllFlags(flagSet, context)) {
    flags.push(ofrepAnswer(key, evaluation).body);
  }
  return flags;
}

/**
 * The bulk answer depends on the flags and on the context, so its ETag covers both: a client
 * that changed its context never gets a 304 for answers computed for another one.
 */
export function bulkEtag(flagSetEtag: string, context: EvaluationContext): string {
  const digest = createHash('sha256')
    .update(flagSetEtag)
    .update('\u0000')
    .update(canonicalJson(context))
    .digest('base64url')
    .slice(0, 27);
  return `"${digest}"`;
}

/** If-None-Match: `*`, one tag or a list; weak tags compare by their opaque part. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

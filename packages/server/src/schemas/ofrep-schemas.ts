import { z } from 'zod';

/**
 * OFREP request bodies (`evaluationRequest`, `bulkEvaluationRequest` of the OFREP OpenAPI
 * document): a context object whose `targetingKey`, when present, is a string. A missing
 * context counts as empty, as flagd's OFREP does: static flags need none.
 */
export const ofrepEvaluationRequest = z.object({
  context: z
    .looseObject({ targetingKey: z.string().optional() })
    .optional()
    .describe('the evaluation context; targetingKey identifies the subject for bucketing'),
});

export type OfrepEvaluationRequest = z.output<typeof ofrepEvaluationRequest>;

/** Reasons OFREP knows, plus DEFAULT (targeting matched nothing), which flagd's OFREP sends too. */
export type OfrepReason =
  'STATIC' | 'TARGETING_MATCH' | 'SPLIT' | 'DISABLED' | 'DEFAULT' | 'UNKNOWN';

export type OfrepErrorCode =
  'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'GENERAL' | 'FLAG_NOT_FOUND';

export interface OfrepSuccess {
  readonly key: string;
  readonly reason: OfrepReason;
  readonly variant?: string;
  /** Absent: the client uses its code default (OFREP's `codeDefaultFlag`). */
  readonly value?: unknown;
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
}

export interface OfrepFailure {
  readonly key: string;
  readonly errorCode: OfrepErrorCode;
  readonly errorDetails?: string;
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
}

/** `generalErrorResponse`, also sent with 401 and 403 so every answer has a JSON body. */
export interface OfrepGeneralError {
  readonly errorDetails: string;
}

import type { FastifyError, FastifyInstance } from 'fastify';
import type { SlipwayErrorCode } from '@slipway/core';
import { SlipwayError, isSlipwayError } from '@slipway/core';

/** The one place where error codes become HTTP statuses; anything unlisted is a 500. */
const statusByCode: Partial<Record<SlipwayErrorCode, number>> = {
  USAGE: 400,
  CONFIG_INVALID: 400,
  VERSION_INVALID: 400,
  FRAGMENT_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TAG_EXISTS: 409,
  CONFLICT: 409,
  DIGEST_MISMATCH: 422,
  TOO_LARGE: 413,
  REFUSED: 409,
  APPROVAL_REQUIRED: 409,
  DEPLOY_FAILED: 502,
  DATABASE: 503,
};

export function statusForCode(code: SlipwayErrorCode): number {
  return statusByCode[code] ?? 500;
}

export interface ErrorBody {
  readonly error: { readonly code: SlipwayErrorCode; readonly message: string };
}

export function errorBody(error: SlipwayError): ErrorBody {
  return { error: { code: error.code, message: error.message } };
}

/** Every error leaves the server in one shape, `{ error: { code, message } }`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const slipwayError = toSlipwayError(error);
    const status = isSlipwayError(error)
      ? statusForCode(slipwayError.code)
      : // Fastify's own client errors (malformed JSON, body too large) keep their status.
        (clientStatus(error) ?? statusForCode(slipwayError.code));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    return reply.status(status).send(errorBody(slipwayError));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody(new SlipwayError('NOT_FOUND', `no route ${request.method} ${request.url}`))),
  );
}

function clientStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function toSlipwayError(error: unknown): SlipwayError {
  if (isSlipwayError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (clientStatus(error) !== undefined) return new SlipwayError('USAGE', message);
  // Internal details stay in the log, not in the answer.
  return new SlipwayError('INTERNAL', 'internal error', { cause: error });
}

import type { FlagValue, FlagValueType, ResolutionDetails } from '@slipway/core';
import { flagValueHasType } from '@slipway/core';

export interface OfrepTarget {
  /** `<server>/flags/<service>/<env>` or `<server>`: the provider appends `/ofrep/v1/…`. */
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface OfrepExchange {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export async function postEvaluation(
  target: OfrepTarget,
  key: string,
  context: Record<string, unknown>,
): Promise<OfrepExchange> {
  const response = await fetch(
    `${target.baseUrl}/ofrep/v1/evaluate/flags/${encodeURIComponent(key)}`,
    {
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ context }),
    },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * An OFREP answer read as an OpenFeature provider reads it: a value of another type than asked
 * is TYPE_MISMATCH, a success without a value (OFREP's code default) the caller's default with
 * the server's reason, an error answer the default with the server's error code.
 */
export function toResolutionDetails(
  exchange: OfrepExchange,
  type: FlagValueType,
  fallback: FlagValue,
): ResolutionDetails<FlagValue> {
  const { body } = exchange;
  const flagMetadata = (body['metadata'] ?? {}) as Record<string, string | number | boolean>;
  if (typeof body['errorCode'] === 'string') {
    return {
      value: fallback,
      reason: 'ERROR',
      errorCode: body['errorCode'] as NonNullable<ResolutionDetails<FlagValue>['errorCode']>,
      ...(typeof body['errorDetails'] === 'string' ? { errorMessage: body['errorDetails'] } : {}),
      flagMetadata,
    };
  }
  const reason = body['reason'] as ResolutionDetails<FlagValue>['reason'];
  if (!('value' in body)) return { value: fallback, reason, flagMetadata };
  const value = body['value'] as FlagValue;
  if (!flagValueHasType(value, type)) {
    return { value: fallback, reason: 'ERROR', errorCode: 'TYPE_MISMATCH', flagMetadata };
  }
  return {
    value,
    reason,
    ...(typeof body['variant'] === 'string' ? { variant: body['variant'] } : {}),
    flagMetadata,
  };
}

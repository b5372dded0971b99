import type { JsonValue } from '@slipway/core';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { ChangeRequest } from './approval-records.js';

/** A change request's ledger event: enough to read the ledger without the tables. */
export function requestEvent(
  type: string,
  request: ChangeRequest,
  actor: string,
  extra: Record<string, JsonValue>,
): LedgerEventInput {
  return {
    type,
    subject: `change:${request.id}`,
    actor,
    payload: {
      id: request.id,
      service: request.service,
      environment: request.environment,
      version: request.version,
      digests: [...request.digests],
      status: request.status,
      contentDigest: request.contentDigest,
      ...extra,
    },
  };
}

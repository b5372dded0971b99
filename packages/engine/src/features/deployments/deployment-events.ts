import type { JsonValue } from '@slipway/core';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { Deployment } from './deployment-record.js';

/** What every deployment event carries: enough to read the ledger without the tables. */
function payload(deployment: Deployment): Record<string, JsonValue> {
  return {
    id: deployment.id,
    service: deployment.service,
    environment: deployment.environment,
    version: deployment.version,
    digests: [...deployment.digests],
    releaseId: deployment.releaseId,
    action: deployment.action,
    sourceEnvironment: deployment.sourceEnvironment,
    strategy: deployment.strategy,
    deployer: deployment.deployer,
    status: deployment.status,
    rollbackTarget:
      deployment.rollbackTarget === null
        ? null
        : { ...deployment.rollbackTarget, digests: [...deployment.rollbackTarget.digests] },
    rollbackPlan: deployment.rollbackPlan.kind,
  };
}

export function deploymentEvent(
  type: 'started' | 'succeeded' | 'failed' | 'rolled_back' | 'progress',
  deployment: Deployment,
  actor: string,
  extra: Record<string, JsonValue> = {},
): LedgerEventInput {
  return {
    type: `deployment.${type}`,
    subject: `deployment:${deployment.id}`,
    actor,
    payload: { ...payload(deployment), ...extra },
  };
}

export interface RefusedRequest {
  readonly service: string;
  readonly environment: string;
  readonly action: Deployment['action'];
  readonly ref: string | null;
  readonly sourceEnvironment: string | null;
}

export function refusedEvent(
  request: RefusedRequest,
  reasons: readonly string[],
  actor: string,
): LedgerEventInput {
  return {
    type: 'deployment.refused',
    subject: `service:${request.service}`,
    actor,
    payload: {
      service: request.service,
      environment: request.environment,
      action: request.action,
      ref: request.ref,
      sourceEnvironment: request.sourceEnvironment,
      reason: reasons.join('; '),
      reasons: [...reasons],
    },
  };
}

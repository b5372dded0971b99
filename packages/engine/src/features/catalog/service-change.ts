import type { JsonValue } from '@slipway/core';
import type { DeployerConfig } from '../deployments/deployer.js';
import type { Service } from './service-record.js';

/** Field → its value before and after; the payload of a `service.updated` event. */
export type ServiceFieldChanges = Record<string, { from: JsonValue; to: JsonValue }>;

/** One write the catalog is about to make, with the event that records it. */
export interface ServiceChange {
  readonly action: 'added' | 'updated';
  readonly service: Service;
  readonly changes: ServiceFieldChanges;
}

const comparedFields = [
  'owner',
  'repository',
  'kind',
  'riskTier',
  'lifecycle',
  'entityRef',
  'stage',
  'deployer',
  'allowSkip',
  'rollout',
] as const;

export function changedFields(before: Service, after: Service): ServiceFieldChanges {
  const changes: ServiceFieldChanges = {};
  for (const field of comparedFields) {
    const from = toJson(before[field]);
    const to = toJson(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/** A plain JSON copy (argv copied out of its readonly array), key order fixed for comparison. */
export function deployerJson(deployer: DeployerConfig | null): JsonValue {
  if (deployer === null || deployer.kind === 'record')
    return deployer === null ? null : { kind: 'record' };
  if (deployer.kind === 'argo-rollouts') return JSON.parse(JSON.stringify(deployer)) as JsonValue;
  const json: Record<string, JsonValue> = { kind: 'command', command: [...deployer.command] };
  if (deployer.timeoutSeconds !== undefined) json['timeoutSeconds'] = deployer.timeoutSeconds;
  if (deployer.cwd !== undefined) json['cwd'] = deployer.cwd;
  return json;
}

function toJson(value: Service[(typeof comparedFields)[number]]): JsonValue {
  if (typeof value === 'boolean' || typeof value === 'string' || value === null) return value;
  if (Array.isArray(value)) return [...(value as readonly string[])];
  if (!('kind' in value)) return value as JsonValue;
  return deployerJson(value as DeployerConfig);
}

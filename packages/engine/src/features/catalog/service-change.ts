import type { JsonValue } from '@slipway/core';
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

function toJson(value: string | null | readonly string[]): JsonValue {
  return typeof value === 'object' && value !== null ? [...value] : value;
}

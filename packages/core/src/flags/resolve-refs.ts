import { SlipwayError } from '../errors/slipway-error.js';
import { isJsonArray } from './flag-types.js';
import type { JsonValue } from './flag-types.js';

/**
 * Replaces every `{"$ref": "name"}` with the shared rule `$evaluators.name` (itself resolved),
 * on the parsed JSON, so whitespace in the file never matters. Throws SlipwayError
 * (CONFIG_INVALID) for a missing evaluator or a cycle.
 */
export function resolveRefs(
  rule: JsonValue,
  evaluators: Readonly<Record<string, JsonValue>>,
  trail: readonly string[] = [],
): JsonValue {
  if (isJsonArray(rule)) return rule.map((item) => resolveRefs(item, evaluators, trail));
  if (rule === null || typeof rule !== 'object') return rule;
  const keys = Object.keys(rule);
  const name = rule['$ref'];
  if (keys.length === 1 && typeof name === 'string') {
    if (!Object.hasOwn(evaluators, name)) {
      throw new SlipwayError('CONFIG_INVALID', `$ref "${name}" names no entry of $evaluators`, {
        subject: name,
      });
    }
    if (trail.includes(name)) {
      throw new SlipwayError('CONFIG_INVALID', `$ref cycle: ${[...trail, name].join(' → ')}`, {
        subject: name,
      });
    }
    return resolveRefs(evaluators[name] as JsonValue, evaluators, [...trail, name]);
  }
  const resolved: Record<string, JsonValue> = {};
  for (const key of keys) resolved[key] = resolveRefs(rule[key] as JsonValue, evaluators, trail);
  return resolved;
}

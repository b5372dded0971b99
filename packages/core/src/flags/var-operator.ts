import type { CompiledRule, RuleScope } from './compiled-rule.js';
import type { EvaluationContext, JsonValue } from './flag-types.js';

const nullRule: CompiledRule = () => null;

/**
 * `var`: a dotted path into the data, with an optional default for a missing value. The
 * `$flagd.flagKey` and `$flagd.timestamp` paths read the rule's scope, so a context is never
 * copied to inject them (flagd adds a `$flagd` object to every context instead).
 */
export function compileVar(
  args: readonly JsonValue[],
  compile: (node: JsonValue) => CompiledRule,
  scope: RuleScope,
): CompiledRule {
  const [pathNode = null, defaultNode] = args;
  const fallback = defaultNode === undefined ? nullRule : compile(defaultNode);
  if (pathNode !== null && typeof pathNode === 'object') {
    const path = compile(pathNode);
    return (data, context) => {
      const value = lookup(data, String(path(data, context) ?? ''), scope);
      return value === undefined ? fallback(data, context) : value;
    };
  }
  const path = pathNode === null ? '' : String(pathNode);
  if (path === '$flagd.flagKey') return () => scope.flagKey;
  if (path === '$flagd.timestamp') return () => scope.nowSeconds();
  if (path === '$flagd') return () => flagdProperties(scope);
  if (path === '') return (data) => data;
  const parts = path.split('.');
  if (parts.length === 1) {
    const key = path;
    return (data: unknown, context: EvaluationContext) => {
      const value =
        data !== null && typeof data === 'object'
          ? (data as Record<string, unknown>)[key]
          : undefined;
      return value === undefined ? fallback(data, context) : value;
    };
  }
  return (data, context) => {
    const value = walk(data, parts);
    return value === undefined ? fallback(data, context) : value;
  };
}

function walk(data: unknown, parts: readonly string[]): unknown {
  let current = data;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function lookup(data: unknown, path: string, scope: RuleScope): unknown {
  if (path === '') return data;
  if (path === '$flagd.flagKey') return scope.flagKey;
  if (path === '$flagd.timestamp') return scope.nowSeconds();
  if (path === '$flagd') return flagdProperties(scope);
  return walk(data, path.split('.'));
}

/** The `$flagd` object flagd adds to every context, built only when a rule reads it whole. */
function flagdProperties(scope: RuleScope): { flagKey: string; timestamp: number } {
  return { flagKey: scope.flagKey, timestamp: scope.nowSeconds() };
}

import type { EvaluationContext, JsonValue } from './flag-types.js';

/**
 * A targeting rule compiled to a closure. `data` is what `var` reads (the context, or the
 * element inside `map`/`filter`/…); `context` stays the whole evaluation context.
 */
export interface CompiledRule {
  (data: unknown, context: EvaluationContext): unknown;
  /** Set on rules whose result is known at compile time, so operators can fold them. */
  readonly constantValue?: { readonly value: unknown };
}

/** What a rule may know about the evaluation apart from the context. */
export interface RuleScope {
  readonly flagKey: string;
  /** `$flagd.timestamp`: Unix time in whole seconds, read when the rule asks for it. */
  readonly nowSeconds: () => number;
}

/** Compiles a rule, throwing SlipwayError (CONFIG_INVALID) on unknown operators. */
export type TargetingCompiler = (rule: JsonValue, scope: RuleScope) => CompiledRule;

export function constantRule(value: unknown): CompiledRule {
  return Object.assign(() => value, { constantValue: { value } });
}

/** JSONLogic truthiness: JavaScript's, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

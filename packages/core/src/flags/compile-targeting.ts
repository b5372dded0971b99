import { SlipwayError } from '../errors/slipway-error.js';
import { constantRule } from './compiled-rule.js';
import type { CompiledRule, RuleScope } from './compiled-rule.js';
import { isJsonArray } from './flag-types.js';
import type { EvaluationContext, JsonValue } from './flag-types.js';
import { flagdOperators } from './flagd-operators.js';
import { jsonLogicOperators } from './json-logic-operators.js';
import { compileVar } from './var-operator.js';

/** Compiles the operator `{ op: args }`; `compile` compiles a nested node. */
export type OperatorCompiler = (
  args: readonly JsonValue[],
  compile: (node: JsonValue) => CompiledRule,
  scope: RuleScope,
) => CompiledRule;

const operators: Readonly<Record<string, OperatorCompiler>> = {
  ...jsonLogicOperators,
  ...flagdOperators,
  var: compileVar,
};

/**
 * Compiles a JSONLogic rule (with flagd's operators) to closures once, so an evaluation is a
 * few direct calls instead of a walk over the JSON. Throws SlipwayError (CONFIG_INVALID) for an
 * unknown operator, including a `$ref` left unresolved.
 */
export function compileTargeting(rule: JsonValue, scope: RuleScope): CompiledRule {
  const compile = (node: JsonValue): CompiledRule => {
    if (isJsonArray(node)) return compileArray(node.map(compile));
    if (node === null || typeof node !== 'object') return constantRule(node);
    const keys = Object.keys(node);
    // JSONLogic reads an object with exactly one key as an operation, anything else as data.
    if (keys.length !== 1) return constantRule(node);
    const name = keys[0] as string;
    const operator = Object.hasOwn(operators, name) ? operators[name] : undefined;
    if (operator === undefined) {
      throw new SlipwayError('CONFIG_INVALID', `unknown targeting operator "${name}"`, {
        subject: name,
      });
    }
    const raw = node[name] as JsonValue;
    return operator(isJsonArray(raw) ? raw : [raw], compile, scope);
  };
  return compile(rule);
}

function compileArray(items: readonly CompiledRule[]): CompiledRule {
  if (items.every((item) => item.constantValue !== undefined)) {
    return constantRule(items.map((item) => item.constantValue?.value));
  }
  return (data: unknown, context: EvaluationContext) => {
    const values = new Array<unknown>(items.length);
    for (let index = 0; index < items.length; index++) {
      values[index] = (items[index] as CompiledRule)(data, context);
    }
    return values;
  };
}

import { constantRule, truthy } from './compiled-rule.js';
import type { CompiledRule } from './compiled-rule.js';
import type { OperatorCompiler } from './compile-targeting.js';
import type { EvaluationContext, JsonValue } from './flag-types.js';
import { jsonLogicArrayOperators } from './json-logic-array-operators.js';

type Compile = (node: JsonValue) => CompiledRule;

const nullRule: CompiledRule = constantRule(null);

/** Folds a pure operator whose arguments are all constants into its result. */
function pure(
  args: readonly JsonValue[],
  compile: Compile,
  build: (rules: readonly CompiledRule[]) => CompiledRule,
): CompiledRule {
  const rules = args.map(compile);
  const built = build(rules);
  if (rules.every((rule) => rule.constantValue !== undefined)) {
    return constantRule(built(null, {}));
  }
  return built;
}

function binary(compare: (left: unknown, right: unknown) => boolean): OperatorCompiler {
  return (args, compile) =>
    pure(args, compile, (rules) => {
      const left = rules[0] ?? nullRule;
      const right = rules[1] ?? nullRule;
      const constant = right.constantValue;
      if (constant !== undefined) {
        const value = constant.value;
        return (data, context) => compare(left(data, context), value);
      }
      return (data, context) => compare(left(data, context), right(data, context));
    });
}

/** `<` and `<=` also take three arguments: "between", exclusive or inclusive. */
function ordering(compare: (left: unknown, right: unknown) => boolean): OperatorCompiler {
  return (args, compile) =>
    pure(args, compile, (rules) => {
      const [first = nullRule, second = nullRule, third] = rules;
      if (third === undefined)
        return (data, context) => compare(first(data, context), second(data, context));
      return (data, context) => {
        const middle = second(data, context);
        return compare(first(data, context), middle) && compare(middle, third(data, context));
      };
    });
}

function values(
  rules: readonly CompiledRule[],
  data: unknown,
  context: EvaluationContext,
): unknown[] {
  const result = new Array<unknown>(rules.length);
  for (let index = 0; index < rules.length; index++) {
    result[index] = (rules[index] as CompiledRule)(data, context);
  }
  return result;
}

function variadic(apply: (values: unknown[]) => unknown): OperatorCompiler {
  return (args, compile) =>
    pure(args, compile, (rules) => (data, context) => apply(values(rules, data, context)));
}

// JSONLogic's == and != are JavaScript's loose equality by definition.
const looseEqual = (left: unknown, right: unknown): boolean => left == right;
const looseNotEqual = (left: unknown, right: unknown): boolean => left != right;

// JSONLogic's comparisons are JavaScript's, coercion included; the casts say so.
type Comparable = number | string;

const compileIf: OperatorCompiler = (args, compile) => {
  const rules = args.map(compile);
  return (data, context) => {
    let index = 0;
    for (; index < rules.length - 1; index += 2) {
      if (truthy((rules[index] as CompiledRule)(data, context))) {
        return (rules[index + 1] as CompiledRule)(data, context);
      }
    }
    return index === rules.length - 1 ? (rules[index] as CompiledRule)(data, context) : null;
  };
};

/** The standard JSONLogic operators (jsonlogic.com/operations.html), except `log`. */
export const jsonLogicOperators: Readonly<Record<string, OperatorCompiler>> = {
  if: compileIf,
  '?:': compileIf,
  '==': binary(looseEqual),
  '!=': binary(looseNotEqual),
  '===': binary((left, right) => left === right),
  '!==': binary((left, right) => left !== right),
  '>': binary((left, right) => (left as Comparable) > (right as Comparable)),
  '>=': binary((left, right) => (left as Comparable) >= (right as Comparable)),
  '<': ordering((left, right) => (left as Comparable) < (right as Comparable)),
  '<=': ordering((left, right) => (left as Comparable) <= (right as Comparable)),
  '!': variadic(([value]) => !truthy(value)),
  '!!': variadic(([value]) => truthy(value)),
  or: (args, compile) => {
    const rules = args.map(compile);
    return (data, context) => {
      let value: unknown = null;
      for (const rule of rules) {
        value = rule(data, context);
        if (truthy(value)) return value;
      }
      return value;
    };
  },
  and: (args, compile) => {
    const rules = args.map(compile);
    return (data, context) => {
      let value: unknown = null;
      for (const rule of rules) {
        value = rule(data, context);
        if (!truthy(value)) return value;
      }
      return value;
    };
  },
  '+': variadic((items) => items.reduce<number>((sum, item) => sum + Number(item), 0)),
  '*': variadic((items) => items.reduce<number>((product, item) => product * Number(item), 1)),
  '-': variadic(([left, right]) =>
    right === undefined ? -Number(left) : Number(left) - Number(right),
  ),
  '/': variadic(([left, right]) => Number(left) / Number(right)),
  '%': variadic(([left, right]) => Number(left) % Number(right)),
  min: variadic((items) => (items.length === 0 ? null : Math.min(...items.map(Number)))),
  max: variadic((items) => (items.length === 0 ? null : Math.max(...items.map(Number)))),
  in: variadic(([item, container]) =>
    typeof container === 'string'
      ? typeof item === 'string' && container.includes(item)
      : Array.isArray(container) && container.includes(item),
  ),
  cat: variadic((items) => {
    let text = '';
    for (const item of items) if (item !== null && item !== undefined) text += String(item);
    return text;
  }),
  substr: variadic(([source, start, length]) => {
    const text = String(source ?? '');
    const from = Number(start ?? 0);
    const begin = from < 0 ? Math.max(text.length + from, 0) : from;
    if (length === undefined || length === null) return text.slice(begin);
    const count = Number(length);
    return count < 0 ? text.slice(begin, text.length + count) : text.slice(begin, begin + count);
  }),
  merge: variadic((items) => items.flatMap((item) => (Array.isArray(item) ? item : [item]))),
  ...jsonLogicArrayOperators,
};

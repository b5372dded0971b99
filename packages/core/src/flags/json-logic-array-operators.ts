import { truthy } from './compiled-rule.js';
import type { CompiledRule } from './compiled-rule.js';
import type { OperatorCompiler } from './compile-targeting.js';
import type { EvaluationContext } from './flag-types.js';

const nullRule: CompiledRule = () => null;

function valueAt(data: unknown, path: unknown): unknown {
  let current = data;
  for (const part of String(path).split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The keys among `keys` whose value is absent, null or empty. */
function missingKeys(data: unknown, keys: readonly unknown[]): unknown[] {
  return keys.filter((key) => {
    const value = valueAt(data, key);
    return value === undefined || value === null || value === '';
  });
}

/**
 * `map`, `filter`, `all`, `some`, `none` run their second argument once per element, with the
 * element as the data `var` reads; `reduce` with `{ current, accumulator }`.
 */
function overElements(
  run: (items: readonly unknown[], body: CompiledRule, context: EvaluationContext) => unknown,
): OperatorCompiler {
  return (args, compile) => {
    const source = args[0] === undefined ? nullRule : compile(args[0]);
    const body = args[1] === undefined ? nullRule : compile(args[1]);
    return (data, context) => {
      const items = source(data, context);
      return run(Array.isArray(items) ? items : [], body, context);
    };
  };
}

export const jsonLogicArrayOperators: Readonly<Record<string, OperatorCompiler>> = {
  missing: (args, compile) => {
    const rules = args.map(compile);
    return (data, context) => {
      const first = rules[0]?.(data, context);
      const keys = Array.isArray(first) ? first : rules.map((rule) => rule(data, context));
      return missingKeys(data, keys);
    };
  },
  missing_some: (args, compile) => {
    const need = args[0] === undefined ? nullRule : compile(args[0]);
    const options = args[1] === undefined ? nullRule : compile(args[1]);
    return (data, context) => {
      const keys = options(data, context);
      const list = Array.isArray(keys) ? keys : [];
      const missing = missingKeys(data, list);
      return list.length - missing.length >= Number(need(data, context)) ? [] : missing;
    };
  },
  map: overElements((items, body, context) => items.map((item) => body(item, context))),
  filter: overElements((items, body, context) =>
    items.filter((item) => truthy(body(item, context))),
  ),
  all: overElements(
    (items, body, context) =>
      items.length > 0 && items.every((item) => truthy(body(item, context))),
  ),
  some: overElements((items, body, context) => items.some((item) => truthy(body(item, context)))),
  none: overElements((items, body, context) => !items.some((item) => truthy(body(item, context)))),
  reduce: (args, compile) => {
    const source = args[0] === undefined ? nullRule : compile(args[0]);
    const body = args[1] === undefined ? nullRule : compile(args[1]);
    const initial = args[2] === undefined ? nullRule : compile(args[2]);
    return (data, context) => {
      const items = source(data, context);
      let accumulator = initial(data, context);
      for (const current of Array.isArray(items) ? items : []) {
        accumulator = body({ current, accumulator }, context);
      }
      return accumulator;
    };
  },
};

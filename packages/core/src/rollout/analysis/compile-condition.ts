import {
  ConditionRuntimeError,
  describeType,
  evaluateNode,
  withConditionErrors,
} from './condition-evaluator.js';
import { parseCondition } from './condition-parser.js';

/** A compiled success or failure condition: true or false for one measurement's result. */
export type Condition = (result: unknown) => boolean;

/**
 * Compiles a metric's `successCondition` or `failureCondition` (a small, safe subset of expr,
 * the language of Argo Rollouts; see docs/rollouts-analysis.md). Nothing is `eval`ed: the text is
 * parsed into a tree once and the tree is walked per measurement.
 *
 * Syntax errors throw here; evaluation errors (a field of nil, an index out of range, a
 * comparison of a string with a number, a result that is not true or false) throw when the
 * returned function runs. Both are SlipwayErrors (CONFIG_INVALID) naming `where` and the column.
 */
export function compileCondition(expression: string, where: string): Condition {
  const tree = parseCondition(expression, where);
  return (result: unknown): boolean =>
    withConditionErrors(expression, where, () => {
      const value = evaluateNode(tree, result);
      if (typeof value !== 'boolean') {
        throw new ConditionRuntimeError(
          1,
          `the condition must be true or false, got ${describeType(value)}`,
        );
      }
      return value;
    });
}

const cache = new Map<string, Condition>();
const cacheLimit = 256;

/** Compiles (once; compiled conditions are cached) and evaluates a condition. */
export function evaluateCondition(
  expression: string,
  result: unknown,
  where = 'condition',
): boolean {
  const key = `${where}\u0000${expression}`;
  let condition = cache.get(key);
  if (condition === undefined) {
    condition = compileCondition(expression, where);
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(key, condition);
  }
  return condition(result);
}

import { constantRule } from './compiled-rule.js';
import type { CompiledRule } from './compiled-rule.js';
import type { OperatorCompiler } from './compile-targeting.js';
import type { EvaluationContext } from './flag-types.js';
import {
  defaultBucketingKey,
  fractional,
  parseFractionalBuckets,
  pickFractionalVariant,
} from './fractional.js';
import { semVer } from './sem-ver.js';
import { endsWith, startsWith } from './string-operators.js';

function evaluated(operator: (values: readonly unknown[]) => unknown): OperatorCompiler {
  return (args, compile) => {
    const rules = args.map(compile);
    if (rules.every((rule) => rule.constantValue !== undefined)) {
      return constantRule(operator(rules.map((rule) => rule.constantValue?.value)));
    }
    return (data, context) => operator(rules.map((rule) => rule(data, context)));
  };
}

/**
 * `fractional`. When every bucket is a constant (the usual flag file) the weights are checked
 * and summed once here, and an evaluation only hashes the key; otherwise buckets are evaluated
 * each time (flagd allows expressions as variant names and weights).
 */
const compileFractional: OperatorCompiler = (args, compile, scope) => {
  const rules = args.map(compile);
  const first = args[0];
  const keyIsExpression = first !== null && typeof first === 'object' && !Array.isArray(first);
  const keyIsGiven = typeof first === 'string' || keyIsExpression;
  const bucketRules = keyIsGiven ? rules.slice(1) : rules;
  const constantBuckets = bucketRules.every((rule) => rule.constantValue !== undefined);
  if (!constantBuckets || (keyIsExpression && args.length === 1)) {
    return (data, context) =>
      fractional(
        rules.map((rule) => rule(data, context)),
        scope.flagKey,
        context.targetingKey,
      );
  }
  const buckets = parseFractionalBuckets(bucketRules.map((rule) => rule.constantValue?.value));
  if (buckets === null) return constantRule(null);
  if (!keyIsGiven) {
    return (_data: unknown, context: EvaluationContext) => {
      const key = defaultBucketingKey(scope.flagKey, context.targetingKey);
      return key === null ? null : pickFractionalVariant(buckets, key);
    };
  }
  const keyRule = rules[0] as CompiledRule;
  const bucketValues = bucketRules.map((rule) => rule.constantValue?.value);
  return (data, context) => {
    const key = keyRule(data, context);
    if (typeof key === 'string') return pickFractionalVariant(buckets, key);
    // A key expression that gives no string is read as flagd reads it: as the first bucket.
    return fractional([key, ...bucketValues], scope.flagKey, context.targetingKey);
  };
};

/** flagd's custom operators (flagd.dev/reference/custom-operations). */
export const flagdOperators: Readonly<Record<string, OperatorCompiler>> = {
  fractional: compileFractional,
  sem_ver: evaluated(semVer),
  starts_with: evaluated(startsWith),
  ends_with: evaluated(endsWith),
};

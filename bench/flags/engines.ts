/**
 * The three engines the bench compares, behind one call: Slipway with compiled closures (what
 * core ships), Slipway's evaluator with json-logic-engine as the rule engine (the "maintained
 * JSONLogic library" option of ADR 0012), and @openfeature/flagd-core (flagd's own JS core).
 */
import { FlagdCore } from '@openfeature/flagd-core';
import { LogicEngine } from 'json-logic-engine';
import {
  compileFlagSet,
  flagdEndsWith,
  flagdFractional,
  flagdSemVer,
  flagdStartsWith,
  resolveFlag,
} from '../../packages/core/src/index.js';
import type {
  CompiledFlagSet,
  EvaluationContext,
  FlagValue,
  FlagValueType,
  TargetingCompiler,
} from '../../packages/core/src/index.js';

/** What is compared for identity: everything OpenFeature returns except the message. */
export interface Outcome {
  readonly value: unknown;
  readonly variant: string | undefined;
  readonly reason: string | undefined;
  readonly errorCode: string | undefined;
  readonly flagMetadata: unknown;
}

export interface Details {
  readonly value: unknown;
  readonly variant?: string | undefined;
  readonly reason?: string | undefined;
  readonly errorCode?: string | undefined;
  readonly flagMetadata?: unknown;
}

/** One resolve call; the timing loop calls it as it is, the identity check normalizes it. */
export interface Engine {
  readonly name: string;
  evaluate(
    key: string,
    type: FlagValueType,
    fallback: FlagValue,
    context: EvaluationContext,
  ): Details;
}

export const outcome = (details: Details): Outcome => ({
  value: details.value,
  variant: details.variant,
  reason: details.reason,
  errorCode: details.errorCode,
  flagMetadata: details.flagMetadata,
});

function slipwayEngine(name: string, flagSet: CompiledFlagSet): Engine {
  return {
    name,
    evaluate: (key, type, fallback, context) => resolveFlag(flagSet, key, type, fallback, context),
  };
}

export function createSlipway(fileText: string): Engine {
  return slipwayEngine('slipway (compiled closures)', compileFlagSet(fileText).flagSet);
}

/**
 * json-logic-engine behind Slipway's evaluator. A library reads everything from its data, so
 * each evaluation copies the context to add `$flagd` (flagd-core does the same).
 */
export function createSlipwayWithJsonLogicEngine(fileText: string): Engine {
  const engine = new LogicEngine();
  type Data = { $flagd: { flagKey: string }; targetingKey?: unknown };
  engine.addMethod('fractional', (args: unknown[], data: Data) =>
    flagdFractional(args, data.$flagd.flagKey, data.targetingKey),
  );
  engine.addMethod('sem_ver', (args: unknown[]) => flagdSemVer(args));
  engine.addMethod('starts_with', (args: unknown[]) => flagdStartsWith(args));
  engine.addMethod('ends_with', (args: unknown[]) => flagdEndsWith(args));
  const compileTargeting: TargetingCompiler = (rule, scope) => {
    const built = engine.build(rule) as (data: unknown) => unknown;
    return (_data, context) =>
      built({ ...context, $flagd: { flagKey: scope.flagKey, timestamp: scope.nowSeconds() } });
  };
  return slipwayEngine(
    'slipway + json-logic-engine',
    compileFlagSet(fileText, { compileTargeting }).flagSet,
  );
}

export function createFlagdCore(fileText: string): Engine {
  const silent = {
    error: () => undefined,
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
  };
  const core = new FlagdCore(undefined, silent);
  core.setConfigurations(fileText);
  return {
    name: '@openfeature/flagd-core',
    evaluate: (key, type, fallback, context) => {
      const ctx = context as Parameters<typeof core.resolveBooleanEvaluation>[2];
      switch (type) {
        case 'boolean':
          return core.resolveBooleanEvaluation(key, fallback as boolean, ctx);
        case 'string':
          return core.resolveStringEvaluation(key, fallback as string, ctx);
        case 'number':
          return core.resolveNumberEvaluation(key, fallback as number, ctx);
        default:
          return core.resolveObjectEvaluation(key, fallback as never, ctx);
      }
    },
  };
}

import type { PickleStep } from '@cucumber/messages';
import { expect } from 'vitest';
import { resolveFlag } from '@slipway/core';
import type {
  CompiledFlagSet,
  EvaluationContext,
  FlagValue,
  FlagValueType,
  ResolutionDetails,
} from '@slipway/core';

/** The state one scenario builds up, step by step. */
export interface EvaluatorWorld {
  /** The flag set that answers for a flag key; provider steps may set it late. */
  flagSetFor?: (flagKey: string) => CompiledFlagSet;
  /** Provider options (`an option "selector" …`); in process they only pick flag files. */
  options: Record<string, string>;
  flag?: { key: string; gherkinType: string; type: FlagValueType; fallback: FlagValue };
  context: Record<string, unknown>;
  details?: ResolutionDetails<FlagValue>;
}

const quoted = '"((?:[^"\\\\]|\\\\.)*)"';
const unescape = (text: string): string => text.replace(/\\(.)/g, '$1');

const valueTypes: Record<string, FlagValueType> = {
  Boolean: 'boolean',
  String: 'string',
  Integer: 'number',
  Float: 'number',
  Object: 'object',
};

/** A value written in a feature file, read as the Gherkin type names it. */
function typedValue(gherkinType: string, text: string): FlagValue {
  switch (gherkinType) {
    case 'Boolean':
      return text === 'true';
    case 'Integer':
      return Number.parseInt(text, 10);
    case 'Float':
      return Number.parseFloat(text);
    case 'Object':
      return JSON.parse(text) as FlagValue;
    default:
      return text;
  }
}

function flagOf(world: EvaluatorWorld): NonNullable<EvaluatorWorld['flag']> {
  if (world.flag === undefined) throw new Error('no flag was given before this step');
  return world.flag;
}

function detailsOf(world: EvaluatorWorld): ResolutionDetails<FlagValue> {
  if (world.details === undefined) throw new Error('the flag was not evaluated before this step');
  return world.details;
}

export type StepHandler = (world: EvaluatorWorld, args: string[], step: PickleStep) => void;

/** Step texts of flagd-testbed's evaluator suite, each a pattern and what it does. */
const steps: [RegExp, StepHandler][] = [
  [
    new RegExp(`^an option ${quoted} of type ${quoted} with value ${quoted}$`),
    (world, [name = '', _type, value = '']) => {
      world.options[name] = value;
    },
  ],
  [
    new RegExp(`^a (\\w+)-flag with key ${quoted} and a (?:fallback|default) value ${quoted}$`),
    (world, [gherkinType = '', key = '', fallback = '']) => {
      const type = valueTypes[gherkinType];
      if (type === undefined) throw new Error(`unknown flag type ${gherkinType}`);
      world.flag = { key, gherkinType, type, fallback: typedValue(gherkinType, fallback) };
    },
  ],
  [
    new RegExp(
      `^a context containing a key ${quoted}, with type ${quoted} and with value ${quoted}$`,
    ),
    (world, [key = '', gherkinType = '', value = '']) => {
      world.context[key] = typedValue(gherkinType, value);
    },
  ],
  [
    new RegExp(
      `^a context containing a nested property with outer key ${quoted} and inner key ${quoted}, with value ${quoted}$`,
    ),
    (world, [outer = '', inner = '', value = '']) => {
      const current = world.context[outer];
      const nested = current !== null && typeof current === 'object' ? current : {};
      world.context[outer] = { ...nested, [inner]: value };
    },
  ],
  [
    new RegExp(`^a context containing a targeting key with value ${quoted}$`),
    (world, [value = '']) => {
      world.context['targetingKey'] = value;
    },
  ],
  [
    /^the flag was evaluated with details$/,
    (world) => {
      const flag = flagOf(world);
      const context = world.context as EvaluationContext;
      if (world.flagSetFor === undefined) throw new Error('no evaluator or provider was given');
      const flagSet = world.flagSetFor(flag.key);
      world.details = resolveFlag(flagSet, flag.key, flag.type, flag.fallback, context);
    },
  ],
  [
    new RegExp(`^the resolved details value should be ${quoted}$`),
    (world, [expected = '']) => {
      const flag = flagOf(world);
      expect(detailsOf(world).value).toStrictEqual(typedValue(flag.gherkinType, expected));
    },
  ],
  [
    new RegExp(`^the reason should be ${quoted}$`),
    (world, [reason]) => expect(detailsOf(world).reason).toBe(reason),
  ],
  [
    new RegExp(`^the error-code should be ${quoted}$`),
    // An empty expected code (a blank table cell) means no error.
    (world, [code]) => expect(detailsOf(world).errorCode ?? '').toBe(code),
  ],
  [
    new RegExp(`^the variant should be ${quoted}$`),
    (world, [variant]) => expect(detailsOf(world).variant).toBe(variant),
  ],
  [
    /^the resolved metadata is empty$/,
    (world) => expect(detailsOf(world).flagMetadata).toStrictEqual({}),
  ],
  [
    /^the resolved metadata should contain$/,
    (world, _args, step) => {
      const rows = step.argument?.dataTable?.rows.map((row) => row.cells.map((c) => c.value));
      if (rows === undefined) throw new Error('the metadata step needs a table');
      const [header, ...body] = rows;
      expect(header).toStrictEqual(['key', 'metadata_type', 'value']);
      for (const [key = '', type = '', value = ''] of body) {
        expect(detailsOf(world).flagMetadata[key], `metadata ${key}`).toStrictEqual(
          typedValue(type, value),
        );
      }
    },
  ],
];

/** Runs one step; a step text no pattern knows fails the scenario rather than passing it. */
export function runStep(
  world: EvaluatorWorld,
  step: PickleStep,
  extraSteps: readonly [RegExp, StepHandler][] = [],
): void {
  for (const [pattern, handler] of [...extraSteps, ...steps]) {
    const match = pattern.exec(step.text);
    if (match !== null) {
      handler(
        world,
        match.slice(1).map((group) => unescape(group)),
        step,
      );
      return;
    }
  }
  throw new Error(`no step definition matches: ${step.text}`);
}

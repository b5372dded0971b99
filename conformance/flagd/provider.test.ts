import { afterAll, describe, expect, it } from 'vitest';
import { compileFlagSet } from '@slipway/core';
import type { CompiledFlagSet } from '@slipway/core';
import { runStep } from './evaluator-steps.js';
import type { EvaluatorWorld, StepHandler } from './evaluator-steps.js';
import { loadScenarios } from './gherkin-scenarios.js';
import type { Scenario } from './gherkin-scenarios.js';
import { sharedJsonFiles } from './shared-conformance.js';

/**
 * flagd-testbed's provider-level suites (targeting, evaluation, disabled, metadata) over
 * `flagd-testbed/flags/*.json`, run in process: the engine's answers a flagd provider must
 * give. Through the OFREP endpoint they arrive with the server; this run is not that one.
 *
 * A provider serves all flag files merged (`flags/allFlags.json` in the testbed) unless the
 * `selector` option names one file (`rawflags/<file>`).
 */
const notApplicableTags: Record<string, string> = {
  '@fractional-v1': 'legacy fractional v1 bucketing; Slipway implements v2',
  '@fractional-v3':
    'fractional v3 (typed hashing of non-string inputs), newer than the v2 rule of issue 8',
  '@deprecated': 'deprecated by the suite itself in favour of @no-default-variant',
};

interface FlagFileJson {
  flags: Record<string, { metadata?: Record<string, unknown> }>;
  $evaluators?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

const files = sharedJsonFiles('flagd-testbed', 'flags') as [string, FlagFileJson][];

/**
 * What a flagd serving every file answers from (the testbed's allFlags.json): flags merged, the
 * first file alphabetically winning a key, `$evaluators` shared by all files (zero-flags.json
 * uses evaluator-refs.json's `is_ballmer`), each flag keeping its own file's set metadata.
 */
function mergedFlagFile(): FlagFileJson {
  const merged: FlagFileJson = { flags: {}, $evaluators: {} };
  for (const [, file] of files) {
    Object.assign(merged.$evaluators ?? {}, file.$evaluators);
    for (const [key, flag] of Object.entries(file.flags)) {
      if (Object.hasOwn(merged.flags, key)) continue;
      const metadata = { ...file.metadata, ...flag.metadata };
      merged.flags[key] = Object.keys(metadata).length === 0 ? flag : { ...flag, metadata };
    }
  }
  return merged;
}

const allFlags = compileFlagSet(mergedFlagFile());
const singleFiles = new Map(
  files.map(([name, file]) => [`rawflags/${name}`, compileFlagSet(file).flagSet]),
);

function providerFlagSets(world: EvaluatorWorld): (flagKey: string) => CompiledFlagSet {
  const selector = world.options['selector'] ?? 'flags/allFlags.json';
  const flagSet = selector === 'flags/allFlags.json' ? allFlags.flagSet : singleFiles.get(selector);
  if (flagSet === undefined) throw new Error(`selector ${selector} names no flag file`);
  return () => flagSet;
}

const providerSteps: [RegExp, StepHandler][] = [
  [
    /^a (?:stable|metadata) flagd provider$/,
    (world) => {
      world.flagSetFor = providerFlagSets(world);
    },
  ],
];

const scenarios = loadScenarios('flagd-testbed', 'gherkin');

function whyNotApplicable(scenario: Scenario): string | undefined {
  const tag = scenario.tags.find((name) => Object.hasOwn(notApplicableTags, name));
  return tag === undefined ? undefined : `${tag}: ${notApplicableTags[tag]}`;
}

const applicable = scenarios.filter((scenario) => whyNotApplicable(scenario) === undefined);
const notApplicable = scenarios.filter((scenario) => whyNotApplicable(scenario) !== undefined);

describe('flagd-testbed provider suites, in process', () => {
  it('loads all flag files with no issue but the two broken flags the suite tests', () => {
    expect(allFlags.issues).toStrictEqual([
      {
        flag: 'error-targeting-flag',
        field: 'targeting',
        message: 'unknown targeting operator "invalid"',
      },
      {
        flag: 'ref-to-nonexistent-evaluator-flag',
        field: 'targeting',
        message: '$ref "nonexistent_evaluator" names no entry of $evaluators',
      },
    ]);
  });

  const features = [...new Set(applicable.map((scenario) => scenario.feature))];
  for (const feature of features) {
    describe(feature, () => {
      for (const scenario of applicable.filter((each) => each.feature === feature)) {
        it(scenario.name, () => {
          const world: EvaluatorWorld = { options: {}, context: {} };
          // Steps may name the flag before the provider; the provider is read at evaluation.
          for (const step of scenario.pickle.steps) runStep(world, step, providerSteps);
        });
      }
    });
  }

  afterAll(() => {
    const lines = notApplicable.map(
      (scenario) =>
        `  - ${scenario.feature}: ${scenario.name} (${String(whyNotApplicable(scenario))})`,
    );
    console.log(
      [
        `flagd-testbed provider suites (in process): ${scenarios.length} scenarios, ${applicable.length} run, ${notApplicable.length} not applicable:`,
        ...lines,
      ].join('\n'),
    );
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { compileFlagSet } from '@slipway/core';
import { runStep } from './evaluator-steps.js';
import type { EvaluatorWorld, StepHandler } from './evaluator-steps.js';
import { loadScenarios } from './gherkin-scenarios.js';
import type { Scenario } from './gherkin-scenarios.js';
import { readShared } from './shared-conformance.js';

/**
 * flagd-testbed's evaluator suite (Gherkin over testkit-flags.json), run in process against
 * Slipway's flag engine, every scenario as published.
 *
 * Not applicable, listed and never counted as passed: examples tagged @fractional-v1. They
 * expect flagd's legacy float bucketing, which flagd replaced with the v2 integer rule that
 * Slipway implements; v1 and v2 examples give the same inputs different answers by design.
 */
const notApplicableTags: Record<string, string> = {
  '@fractional-v1': 'legacy fractional v1 bucketing, superseded by v2',
};

const scenarios = loadScenarios('flagd-testbed', 'evaluator', 'gherkin');
const { flagSet, issues } = compileFlagSet(
  readShared('flagd-testbed', 'evaluator', 'flags', 'testkit-flags.json'),
);

/** `Given an evaluator`: the in-process evaluator over testkit-flags.json. */
const evaluatorStep: [RegExp, StepHandler][] = [
  [
    /^an evaluator$/,
    (world: EvaluatorWorld) => {
      world.flagSetFor = () => flagSet;
    },
  ],
];

function whyNotApplicable(scenario: Scenario): string | undefined {
  const tag = scenario.tags.find((name) => Object.hasOwn(notApplicableTags, name));
  return tag === undefined ? undefined : `${tag}: ${notApplicableTags[tag]}`;
}

const applicable = scenarios.filter((scenario) => whyNotApplicable(scenario) === undefined);
const notApplicable = scenarios.filter((scenario) => whyNotApplicable(scenario) !== undefined);

describe('flagd-testbed evaluator suite', () => {
  it('loads testkit-flags.json with no issue but the one broken $ref the suite tests', () => {
    expect(issues).toStrictEqual([
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
          const world = { options: {}, context: {} };
          for (const step of scenario.pickle.steps) runStep(world, step, evaluatorStep);
        });
      }
    });
  }

  it('marks only @fractional-v1 examples not applicable, and lists them', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(140);
    expect(notApplicable.every((scenario) => scenario.tags.includes('@fractional-v1'))).toBe(true);
  });

  afterAll(() => {
    const lines = notApplicable.map(
      (scenario) =>
        `  - ${scenario.feature}: ${scenario.name} (${String(whyNotApplicable(scenario))})`,
    );
    console.log(
      [
        `flagd-testbed evaluator suite: ${scenarios.length} scenarios, ${applicable.length} run, ${notApplicable.length} not applicable:`,
        ...lines,
      ].join('\n'),
    );
  });
});

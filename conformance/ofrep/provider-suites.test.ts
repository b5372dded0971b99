import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlagFile } from '@slipway/core';
import { runStep } from '../flagd/evaluator-steps.js';
import type { EvaluatorWorld, StepHandler } from '../flagd/evaluator-steps.js';
import { loadScenarios } from '../flagd/gherkin-scenarios.js';
import type { Scenario } from '../flagd/gherkin-scenarios.js';
import { sharedJsonFiles } from '../flagd/shared-conformance.js';
import { postEvaluation, toResolutionDetails } from './ofrep-client.js';
import type { OfrepExchange, OfrepTarget } from './ofrep-client.js';
import { ofrepValidators } from './ofrep-shapes.js';
import { startOfrepTestServer } from './ofrep-test-server.js';
import type { OfrepTestServer } from './ofrep-test-server.js';

/**
 * flagd-testbed's provider suites (targeting, evaluation, disabled, metadata) through Slipway's
 * OFREP endpoint over loopback HTTP: every evaluation is a POST to a running server, and every
 * answer is checked against OFREP's OpenAPI schemas before the scenario reads it.
 *
 * The merged flag set (the testbed's allFlags.json) is environment `all`, reached at
 * `/ofrep/v1` with its client key; each single file (`selector` rawflags/<file>) is its own
 * environment, reached at `/flags/testbed/<env>` with a viewer token.
 */
const notApplicableTags: Record<string, string> = {
  '@fractional-v1': 'legacy fractional v1 bucketing; Slipway implements v2',
  '@fractional-v3':
    'fractional v3 (typed hashing of non-string inputs), newer than the v2 rule of issue 8',
  '@deprecated': 'deprecated by the suite itself in favour of @no-default-variant',
};

type TestbedFile = FlagFile & {
  flags: Record<string, FlagFile['flags'][string] & { metadata?: Record<string, unknown> }>;
};

const files = sharedJsonFiles('flagd-testbed', 'flags') as [string, TestbedFile][];

/** As the in-process suite: flags merged, first file wins a key, each keeps its set metadata. */
function mergedFlagFile(): FlagFile {
  const flags: Record<string, unknown> = {};
  const evaluators: Record<string, unknown> = {};
  for (const [, file] of files) {
    Object.assign(evaluators, file.$evaluators);
    for (const [key, flag] of Object.entries(file.flags)) {
      if (Object.hasOwn(flags, key)) continue;
      const metadata = { ...file.metadata, ...flag.metadata };
      flags[key] = Object.keys(metadata).length === 0 ? flag : { ...flag, metadata };
    }
  }
  return { flags, $evaluators: evaluators } as FlagFile;
}

const envOfFile = (name: string): string =>
  `file-${name
    .replace(/\.json$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')}`;

const environments = new Map<string, FlagFile>([
  ['all', mergedFlagFile()],
  ...files.map(([name, file]): [string, FlagFile] => [envOfFile(name), file]),
]);

const scenarios = loadScenarios('flagd-testbed', 'gherkin');
const whyNotApplicable = (scenario: Scenario): string | undefined => {
  const tag = scenario.tags.find((name) => Object.hasOwn(notApplicableTags, name));
  return tag === undefined ? undefined : `${tag}: ${notApplicableTags[tag]}`;
};
const applicable = scenarios.filter((scenario) => whyNotApplicable(scenario) === undefined);
const notApplicable = scenarios.filter((scenario) => whyNotApplicable(scenario) !== undefined);

const evaluateStep = /^the flag was evaluated with details$/;
const providerSteps: [RegExp, StepHandler][] = [
  // The provider is the OFREP target, chosen at evaluation from the options given by then.
  [/^a (?:stable|metadata) flagd provider$/, () => undefined],
];

describe('flagd-testbed provider suites, through OFREP', () => {
  let server: OfrepTestServer;
  const validators = ofrepValidators();
  let exchanges = 0;

  beforeAll(async () => {
    server = await startOfrepTestServer(environments);
  });

  afterAll(async () => {
    await server.close();
    const lines = notApplicable.map(
      (scenario) =>
        `  - ${scenario.feature}: ${scenario.name} (${String(whyNotApplicable(scenario))})`,
    );
    console.log(
      [
        `flagd-testbed provider suites through OFREP: ${scenarios.length} scenarios, ${applicable.length} run (${exchanges} HTTP evaluations), ${notApplicable.length} not applicable:`,
        ...lines,
      ].join('\n'),
    );
  });

  function targetFor(world: EvaluatorWorld): OfrepTarget {
    const selector = world.options['selector'];
    if (selector === undefined || selector === 'flags/allFlags.json') {
      return { baseUrl: server.url, headers: { 'x-api-key': server.clientKeys.get('all') ?? '' } };
    }
    const env = envOfFile(selector.replace(/^rawflags\//, ''));
    if (!environments.has(env)) throw new Error(`selector ${selector} names no flag file`);
    return {
      baseUrl: `${server.url}/flags/testbed/${env}`,
      headers: { authorization: `Bearer ${server.viewerToken}` },
    };
  }

  function checkShape(exchange: OfrepExchange): void {
    const validate =
      exchange.status === 200
        ? validators.success
        : exchange.status === 404
          ? validators.notFound
          : validators.failure;
    expect([200, 400, 404]).toContain(exchange.status);
    expect(validate(exchange.body), JSON.stringify(validate.errors)).toBe(true);
  }

  const features = [...new Set(applicable.map((scenario) => scenario.feature))];
  for (const feature of features) {
    describe(feature, () => {
      for (const scenario of applicable.filter((each) => each.feature === feature)) {
        it(scenario.name, async () => {
          const world: EvaluatorWorld = { options: {}, context: {} };
          for (const step of scenario.pickle.steps) {
            if (!evaluateStep.test(step.text)) {
              runStep(world, step, providerSteps);
              continue;
            }
            const flag = world.flag;
            if (flag === undefined) throw new Error('no flag was given before evaluation');
            const exchange = await postEvaluation(targetFor(world), flag.key, world.context);
            exchanges += 1;
            checkShape(exchange);
            world.details = toResolutionDetails(exchange, flag.type, flag.fallback);
          }
        });
      }
    });
  }

  it('bulk-evaluates every environment in the published shape, with ETag and 304', async () => {
    for (const [env] of environments) {
      const url = `${server.url}/flags/testbed/${env}/ofrep/v1/evaluate/flags`;
      const headers = {
        authorization: `Bearer ${server.viewerToken}`,
        'content-type': 'application/json',
      };
      const body = JSON.stringify({ context: { targetingKey: 'bulk-user' } });
      const first = await fetch(url, { method: 'POST', headers, body });
      expect(first.status).toBe(200);
      const answer = (await first.json()) as { flags: unknown[] };
      expect(validators.bulk(answer), JSON.stringify(validators.bulk.errors)).toBe(true);
      expect(answer.flags).toHaveLength(Object.keys(environments.get(env)?.flags ?? {}).length);
      const etag = first.headers.get('etag') ?? '';
      const again = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'if-none-match': etag },
        body,
      });
      expect(again.status).toBe(304);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { isSlipwayError, parseRolloutSpec } from '@slipway/core';
import type { RolloutSpec } from '@slipway/core';

const source = 'slipway.toml';

/** A canary as a user writes it (TOML parsed to plain data): durations as strings. */
function canaryInput(): Record<string, unknown> {
  return {
    strategy: {
      kind: 'canary',
      steps: [
        { setWeight: 10 },
        { pause: { seconds: '5m' } },
        { analysis: { templates: ['error-rate'], args: { threshold: '0.05' } } },
        { setWeight: 50 },
        { pause: {} },
        { setWeight: 100 },
      ],
      backgroundAnalysis: { templates: ['latency'] },
    },
    trafficRouter: {
      kind: 'nginx',
      upstreamFile: '/etc/nginx/conf.d/api-upstream.conf',
      upstream: 'api',
      stable: '127.0.0.1:8081',
      canary: '127.0.0.1:8082',
    },
    args: { job: 'api' },
    templates: [
      {
        name: 'error-rate',
        args: [{ name: 'threshold' }, { name: 'window', value: '1m' }],
        metrics: [
          {
            name: 'errors',
            source: {
              prometheus: {
                address: 'http://127.0.0.1:9090',
                query:
                  'sum(rate(http_errors_total{job="{{args.job}}",version="{{ args.version }}"}[{{args.window}}]))',
              },
            },
            successCondition: 'result[0] < {{args.threshold}}',
            intervalSeconds: '30s',
            count: 4,
            failureLimit: 1,
          },
        ],
      },
      {
        name: 'latency',
        metrics: [
          {
            name: 'p99',
            source: {
              judge: {
                address: 'http://127.0.0.1:9090',
                canaryQuery: 'latency{version="{{args.version}}"}',
                baselineQuery: 'latency{version="{{args.stableVersion}}"}',
                direction: 'increase',
                windowSeconds: '5m',
                stepSeconds: 15,
              },
            },
            intervalSeconds: '1m',
          },
        ],
      },
    ],
  };
}

function problemsOf(input: unknown): string[] {
  try {
    parseRolloutSpec(input, source);
  } catch (error) {
    if (!isSlipwayError(error)) throw error;
    expect(error.code).toBe('CONFIG_INVALID');
    return error.message.split('\n');
  }
  throw new Error('expected the spec to be rejected');
}

/**
 * Edits reach deep into untyped input on purpose (wrong types included), so they take `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Edit = (input: Record<string, any>) => void;

/** The canary input with one change made by `edit`. */
function edited(edit: Edit): Record<string, unknown> {
  const input = canaryInput();
  edit(input);
  return input;
}

describe('parseRolloutSpec: valid specs', () => {
  it('reads a canary with analysis, normalizing durations to seconds', () => {
    const spec = parseRolloutSpec(canaryInput(), source);
    expect(spec.strategy).toEqual({
      kind: 'canary',
      steps: [
        { setWeight: 10 },
        { pause: { seconds: 300 } },
        { analysis: { templates: ['error-rate'], args: { threshold: '0.05' } } },
        { setWeight: 50 },
        { pause: {} },
        { setWeight: 100 },
      ],
      backgroundAnalysis: { templates: ['latency'] },
    });
    expect(spec.templates?.[0]?.metrics[0]).toMatchObject({
      intervalSeconds: 30,
      count: 4,
      failureLimit: 1,
    });
    expect(spec.templates?.[1]?.metrics[0]?.source).toMatchObject({
      judge: { windowSeconds: 300, stepSeconds: 15 },
    });
    expect(spec.args).toEqual({ job: 'api' });
  });

  it('reads its own output back unchanged (specs are stored parsed and read again)', () => {
    const spec = parseRolloutSpec(canaryInput(), source);
    expect(parseRolloutSpec(JSON.parse(JSON.stringify(spec)), 'stored spec')).toEqual(spec);
    expect(Object.keys(spec)).toEqual(['strategy', 'trafficRouter', 'args', 'templates']);
  });

  it('reads the smallest specs', () => {
    expect(parseRolloutSpec({ strategy: { kind: 'all-at-once' } }, source)).toEqual({
      strategy: { kind: 'all-at-once' },
    });
    expect(parseRolloutSpec({ strategy: { kind: 'canary' } }, source)).toEqual({
      strategy: { kind: 'canary', steps: [] },
    });
  });

  it('reads a blue-green with pre- and post-promotion analysis', () => {
    const spec = parseRolloutSpec(
      {
        strategy: {
          kind: 'blue-green',
          prePromotionAnalysis: { templates: ['smoke'] },
          postPromotionAnalysis: { templates: ['smoke'], args: { path: '/health' } },
          autoPromotionSeconds: '2m',
          scaleDownDelaySeconds: 30,
        },
        templates: [
          {
            name: 'smoke',
            args: [{ name: 'path', value: '/' }],
            metrics: [
              {
                name: 'ok',
                source: {
                  web: {
                    url: 'http://{{args.service}}.internal:8080{{args.path}}',
                    headers: { Authorization: 'Bearer x' },
                    jsonPath: '$.ok',
                    timeoutSeconds: '10s',
                  },
                },
                successCondition: 'result == true',
              },
            ],
          },
        ],
      },
      source,
    );
    expect(spec.strategy).toEqual({
      kind: 'blue-green',
      prePromotionAnalysis: { templates: ['smoke'] },
      postPromotionAnalysis: { templates: ['smoke'], args: { path: '/health' } },
      autoPromotionSeconds: 120,
      scaleDownDelaySeconds: 30,
    });
    expect(spec.templates?.[0]?.metrics[0]?.source).toEqual({
      web: {
        url: 'http://{{args.service}}.internal:8080{{args.path}}',
        headers: { Authorization: 'Bearer x' },
        jsonPath: '$.ok',
        timeoutSeconds: 10,
      },
    });
  });

  const routers: readonly [label: string, router: unknown][] = [
    [
      'nginx with reload argv and an IPv6 server',
      {
        kind: 'nginx',
        upstreamFile: 'u.conf',
        upstream: 'api_v2',
        stable: '[::1]:8081',
        canary: 'unix:/run/api.sock',
        reload: ['nginx', '-s', 'reload'],
      },
    ],
    ['flag', { kind: 'flag', flag: 'checkout-v2', stableVariant: 'off', canaryVariant: 'on' }],
    ['command', { kind: 'command', command: ['./route.sh', '--weight'], timeoutSeconds: '30s' }],
  ];
  it.each(routers)('reads a %s router', (_label, router) => {
    const spec: RolloutSpec = parseRolloutSpec(
      { strategy: { kind: 'canary', steps: [{ setWeight: 5 }] }, trafficRouter: router },
      source,
    );
    expect(spec.trafficRouter?.kind).toBe((router as { kind: string }).kind);
  });

  it('takes pause short forms', () => {
    const spec = parseRolloutSpec(
      { strategy: { kind: 'canary', steps: [{ pause: 30 }, { pause: '1h' }] } },
      source,
    );
    expect(spec.strategy).toEqual({
      kind: 'canary',
      steps: [{ pause: { seconds: 30 } }, { pause: { seconds: 3600 } }],
    });
  });
});

describe('parseRolloutSpec: every error names the source and the field', () => {
  const cases: readonly [label: string, edit: Edit, problem: string][] = [
    [
      'weight above 100',
      (i) => (i.strategy.steps[3] = { setWeight: 120 }),
      'rollout.strategy.steps[3].setWeight: 120 is not a weight 0–100',
    ],
    [
      'weight not an integer',
      (i) => (i.strategy.steps[0] = { setWeight: 12.5 }),
      'rollout.strategy.steps[0].setWeight: 12.5 is not a weight 0–100',
    ],
    [
      'weight as a string',
      (i) => (i.strategy.steps[0] = { setWeight: '10' }),
      'rollout.strategy.steps[0].setWeight: "10" is not a weight 0–100',
    ],
    [
      'two keys in a step',
      (i) => (i.strategy.steps[0] = { setWeight: 10, pause: {} }),
      'rollout.strategy.steps[0]: a step has exactly one of setWeight, pause, analysis, got setWeight and pause',
    ],
    [
      'empty step',
      (i) => (i.strategy.steps[0] = {}),
      'rollout.strategy.steps[0]: a step has exactly one of setWeight, pause, analysis, got none',
    ],
    [
      'misspelt step',
      (i) => (i.strategy.steps[0] = { setweight: 10 }),
      'rollout.strategy.steps[0].setweight: unknown step (did you mean "setWeight"?)',
    ],
    [
      'negative pause',
      (i) => (i.strategy.steps[1] = { pause: { seconds: -5 } }),
      'rollout.strategy.steps[1].pause.seconds: -5 is negative',
    ],
    [
      'bad duration',
      (i) => (i.strategy.steps[1] = { pause: { seconds: '5 minutes' } }),
      'rollout.strategy.steps[1].pause.seconds: "5 minutes" is not a duration',
    ],
    [
      "Argo's interval key",
      (i) => (i.templates[0].metrics[0].interval = '5m'),
      'rollout.templates[0].metrics[0].interval: unknown key (did you mean "intervalSeconds"?)',
    ],
    [
      'analysis without any templates',
      (i) => delete i.templates,
      'rollout.strategy.steps[2].analysis.templates[0]: names no analysis template (the spec has no templates)',
    ],
    [
      'templates in the Argo form',
      (i) => (i.strategy.backgroundAnalysis.templates = [{ templateName: 'latency' }]),
      'rollout.strategy.backgroundAnalysis.templates[0]: expected a non-empty string, got a table',
    ],
    [
      'pause duration key',
      (i) => (i.strategy.steps[1] = { pause: { duration: '5m' } }),
      'rollout.strategy.steps[1].pause.duration: unknown key (did you mean "seconds"?)',
    ],
    [
      'unknown template',
      (i) => (i.strategy.steps[2].analysis.templates = ['error-rat']),
      'rollout.strategy.steps[2].analysis.templates[0]: names no analysis template (did you mean "error-rate"?)',
    ],
    [
      'unknown template, nothing close',
      (i) => (i.strategy.backgroundAnalysis.templates = ['smoke']),
      'rollout.strategy.backgroundAnalysis.templates[0]: names no analysis template (known: error-rate, latency)',
    ],
    [
      'argument not given',
      (i) => delete i.strategy.steps[2].analysis.args,
      'rollout.strategy.steps[2].analysis: template "error-rate" needs argument "threshold", given by neither the template, the spec\'s args nor this analysis\' args',
    ],
    [
      'argument used but not declared',
      (i) => (i.templates[1].metrics[0].source.judge.canaryQuery = 'x{pod="{{args.canary-pod}}"}'),
      'rollout.strategy.backgroundAnalysis: template "latency" needs argument "canary-pod"',
    ],
    [
      'spec arg shadowing a built-in',
      (i) => (i.args.version = '1'),
      'rollout.args.version: is a built-in argument, filled from the rollout',
    ],
    [
      'arg value not a string',
      (i) => (i.args.job = 5),
      'rollout.args.job: expected a string, got 5 (quote it: "5")',
    ],
    [
      'metric without condition',
      (i) => delete i.templates[0].metrics[0].successCondition,
      'rollout.templates[0].metrics[0]: needs a successCondition or a failureCondition',
    ],
    [
      'condition syntax',
      (i) => (i.templates[0].metrics[0].successCondition = 'result[0] << {{args.threshold}}'),
      'rollout.templates[0].metrics[0].successCondition: expected a value, found "<" at column 12 of condition "result[0] << {{args.threshold}}"',
    ],
    [
      'negative failureLimit',
      (i) => (i.templates[0].metrics[0].failureLimit = -1),
      'rollout.templates[0].metrics[0].failureLimit: -1 is not a non-negative integer',
    ],
    [
      'fractional inconclusiveLimit',
      (i) => (i.templates[0].metrics[0].inconclusiveLimit = 1.5),
      'rollout.templates[0].metrics[0].inconclusiveLimit: 1.5 is not a non-negative integer',
    ],
    [
      'consecutiveErrorLimit as string',
      (i) => (i.templates[0].metrics[0].consecutiveErrorLimit = '4'),
      'rollout.templates[0].metrics[0].consecutiveErrorLimit: "4" is not a non-negative integer',
    ],
    [
      'count zero',
      (i) => (i.templates[0].metrics[0].count = 0),
      'rollout.templates[0].metrics[0].count: 0 is not a count ≥ 1',
    ],
    [
      'count without interval',
      (i) => delete i.templates[0].metrics[0].intervalSeconds,
      'rollout.templates[0].metrics[0].count: 4 measurements need an intervalSeconds between them',
    ],
    [
      'failureLimit that can never trip',
      (i) => (i.templates[0].metrics[0].failureLimit = 4),
      'rollout.templates[0].metrics[0].failureLimit: 4 lets all 4 measurements fail',
    ],
    [
      'misspelt metric key',
      (i) => (i.templates[0].metrics[0].failurLimit = 2),
      'rollout.templates[0].metrics[0].failurLimit: unknown key (did you mean "failureLimit"?)',
    ],
    [
      'two sources',
      (i) => (i.templates[0].metrics[0].source.web = { url: 'http://x' }),
      'rollout.templates[0].metrics[0].source: needs exactly one of prometheus, web, judge, got prometheus and web',
    ],
    [
      'no source',
      (i) => (i.templates[0].metrics[0].source = {}),
      'rollout.templates[0].metrics[0].source: needs exactly one of prometheus, web, judge, got none',
    ],
    [
      'prometheus address not a URL',
      (i) => (i.templates[0].metrics[0].source.prometheus.address = '127.0.0.1:9090'),
      'rollout.templates[0].metrics[0].source.prometheus.address: "127.0.0.1:9090" is not an http(s) URL',
    ],
    [
      'judge direction',
      (i) => (i.templates[1].metrics[0].source.judge.direction = 'up'),
      'rollout.templates[1].metrics[0].source.judge.direction: expected one of "increase", "decrease", "either", got "up"',
    ],
    [
      'judge alpha',
      (i) => (i.templates[1].metrics[0].source.judge.alpha = 1.5),
      'rollout.templates[1].metrics[0].source.judge.alpha: 1.5 is not a significance level between 0 and 1',
    ],
    [
      'judge step longer than window',
      (i) => (i.templates[1].metrics[0].source.judge.stepSeconds = '10m'),
      'rollout.templates[1].metrics[0].source.judge.stepSeconds: 600 seconds is longer than the window (300 seconds)',
    ],
    [
      'duplicate metric',
      (i) => i.templates[0].metrics.push(i.templates[0].metrics[0]),
      'rollout.templates[0].metrics: metric "errors" is defined twice',
    ],
    [
      'duplicate template',
      (i) => i.templates.push(i.templates[1]),
      'rollout.templates: template "latency" is defined twice',
    ],
    [
      'template without metrics',
      (i) => (i.templates[1].metrics = []),
      'rollout.templates[1].metrics: a template needs at least one metric',
    ],
    [
      'bad template arg name',
      (i) => i.templates[0].args.push({ name: 'a b' }),
      'rollout.templates[0].args[2].name: "a b" is not an argument name',
    ],
    [
      'unknown strategy kind',
      (i) => (i.strategy.kind = 'rolling'),
      'rollout.strategy.kind: expected one of "all-at-once", "canary", "blue-green", got "rolling"',
    ],
    [
      'key of another strategy',
      (i) => (i.strategy.autoPromotionSeconds = 5),
      'rollout.strategy.autoPromotionSeconds: unknown key',
    ],
    [
      'unknown top-level key',
      (i) => (i.template = []),
      'rollout.template: unknown key (did you mean "templates"?)',
    ],
    [
      'nginx same servers',
      (i) => (i.trafficRouter.canary = '127.0.0.1:8081'),
      'rollout.trafficRouter.canary: is the same server as stable (127.0.0.1:8081)',
    ],
    [
      'nginx bad server',
      (i) => (i.trafficRouter.stable = 'localhost'),
      'rollout.trafficRouter.stable: "localhost" is not host:port (or unix:/path)',
    ],
    [
      'nginx port out of range',
      (i) => (i.trafficRouter.stable = 'localhost:70000'),
      'rollout.trafficRouter.stable: "localhost:70000" is not host:port',
    ],
    [
      'nginx upstream name',
      (i) => (i.trafficRouter.upstream = 'api; include evil'),
      'rollout.trafficRouter.upstream: "api; include evil" is not an nginx upstream name',
    ],
    [
      'nginx missing file',
      (i) => delete i.trafficRouter.upstreamFile,
      'rollout.trafficRouter.upstreamFile: missing, expected a string',
    ],
    [
      'nginx empty reload',
      (i) => (i.trafficRouter.reload = []),
      'rollout.trafficRouter.reload: expected a non-empty array of strings, got an array',
    ],
    [
      'flag variants equal',
      (i) =>
        (i.trafficRouter = { kind: 'flag', flag: 'f', stableVariant: 'on', canaryVariant: 'on' }),
      'rollout.trafficRouter.canaryVariant: is the same variant as stableVariant ("on")',
    ],
    [
      'router kind',
      (i) => (i.trafficRouter = { kind: 'istio' }),
      'rollout.trafficRouter.kind: expected one of "nginx", "flag", "command", got "istio"',
    ],
    [
      'command empty',
      (i) => (i.trafficRouter = { kind: 'command', command: [] }),
      'rollout.trafficRouter.command: expected a non-empty array of strings',
    ],
    [
      'web body with GET',
      (i) => (i.templates[0].metrics[0].source = { web: { url: 'http://x', body: '{}' } }),
      'rollout.templates[0].metrics[0].source.web.body: a body needs method "POST"',
    ],
    [
      'web jsonPath',
      (i) => (i.templates[0].metrics[0].source = { web: { url: 'http://x', jsonPath: 'data.ok' } }),
      'rollout.templates[0].metrics[0].source.web.jsonPath: "data.ok" is not a JSONPath',
    ],
    [
      'web header name',
      (i) =>
        (i.templates[0].metrics[0].source = {
          web: { url: 'http://x', headers: { 'Bad Header': 'x' } },
        }),
      'rollout.templates[0].metrics[0].source.web.headers."Bad Header": is not an HTTP header name',
    ],
    [
      'missing strategy',
      (i) => delete i.strategy,
      'rollout.strategy: missing, expected a table with a kind',
    ],
  ];

  it.each(cases)('%s', (_label, edit, problem) => {
    const problems = problemsOf(edited(edit));
    expect(problems.some((line) => line.startsWith(`${source}: ${problem}`))).toBe(true);
    expect(problems.every((line) => line.startsWith(`${source}: rollout`))).toBe(true);
  });

  it('reports every problem at once, and names the first as the subject', () => {
    let caught: unknown;
    try {
      parseRolloutSpec(
        edited((i) => {
          i.strategy.steps[0] = { setWeight: 101 };
          i.trafficRouter.canary = 'nowhere';
        }),
        source,
      );
    } catch (error) {
      caught = error;
    }
    expect(isSlipwayError(caught)).toBe(true);
    const error = caught as Error & { subject?: string };
    expect(error.message.split('\n')).toEqual([
      'slipway.toml: rollout.strategy.steps[0].setWeight: 101 is not a weight 0–100',
      'slipway.toml: rollout.trafficRouter.canary: "nowhere" is not host:port (or unix:/path)',
    ]);
    expect(error.subject).toBe('rollout.strategy.steps[0].setWeight');
  });

  it.each([
    [null, 'rollout: expected a table, got null'],
    [[], 'rollout: expected a table, got an array'],
    ['canary', 'rollout: expected a table, got "canary"'],
  ])('rejects %j as a whole', (input, problem) => {
    expect(problemsOf(input)).toEqual([`${source}: ${problem}`]);
  });
});

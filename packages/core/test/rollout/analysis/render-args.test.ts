import { describe, expect, it } from 'vitest';
import {
  argReferences,
  isSlipwayError,
  metricArgReferences,
  renderArgs,
  renderMetric,
} from '@slipway/core';
import type { MetricSpec } from '@slipway/core';

const args = { service: 'api', 'service-name': 'api.default', version: '1.2.0', empty: '' };

describe('renderArgs', () => {
  const cases: readonly [text: string, expected: string][] = [
    ['up{job="{{args.service}}"}', 'up{job="api"}'],
    ['{{ args.service-name }}', 'api.default'],
    ['{{args.service}}-{{args.version}}/{{args.service}}', 'api-1.2.0/api'],
    ['{{\targs.version\n}}', '1.2.0'],
    ['x{{args.empty}}y', 'xy'],
    [
      'no placeholders, {{ other.thing }} and {args.service}',
      'no placeholders, {{ other.thing }} and {args.service}',
    ],
    // A value is inserted as is, never re-expanded.
    ['{{args.service}}', 'api'],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(renderArgs(text, args, 'metric "m" query')).toBe(expected);
  });

  it('does not expand placeholders inside values', () => {
    expect(renderArgs('{{args.a}}', { a: '{{args.b}}', b: 'no' }, 'where')).toBe('{{args.b}}');
  });

  it('names every missing argument and where', () => {
    let caught: unknown;
    try {
      renderArgs(
        '{{args.service}} {{args.canary}} {{ args.window }} {{args.canary}}',
        args,
        'metric "errors" query',
      );
    } catch (error) {
      caught = error;
    }
    expect(isSlipwayError(caught)).toBe(true);
    expect((caught as Error).message).toBe(
      'metric "errors" query: no value for {{args.canary}}, {{args.window}}',
    );
  });

  it('lists references once each, in order', () => {
    expect(argReferences('{{args.b}} {{ args.a }} {{args.b}}')).toEqual(['b', 'a']);
  });
});

describe('renderMetric', () => {
  const metric: MetricSpec = {
    name: 'errors',
    source: {
      web: {
        url: 'http://{{args.host}}/metrics?service={{args.service}}',
        method: 'POST',
        headers: { Authorization: 'Bearer {{args.token}}' },
        body: '{"version":"{{args.version}}"}',
        jsonPath: '$.{{args.field}}',
      },
    },
    successCondition: 'result < {{args.threshold}}',
    failureLimit: 1,
  };

  it('fills every templated field and keeps the rest', () => {
    const rendered = renderMetric(
      metric,
      { host: 'h:1', service: 'api', token: 't', version: '2', field: 'rate', threshold: '0.1' },
      'analysis run 7',
    );
    expect(rendered).toEqual({
      name: 'errors',
      source: {
        web: {
          url: 'http://h:1/metrics?service=api',
          method: 'POST',
          headers: { Authorization: 'Bearer t' },
          body: '{"version":"2"}',
          jsonPath: '$.rate',
        },
      },
      successCondition: 'result < 0.1',
      failureLimit: 1,
    });
  });

  it('lists the arguments of every field', () => {
    expect(metricArgReferences(metric).sort()).toEqual(
      ['field', 'host', 'service', 'threshold', 'token', 'version'].sort(),
    );
    expect(
      metricArgReferences({
        name: 'judge',
        source: {
          judge: {
            address: 'http://prom',
            canaryQuery: 'x{v="{{args.version}}"}',
            baselineQuery: 'x{v="{{args.stableVersion}}"}',
            direction: 'increase',
          },
        },
      }),
    ).toEqual(['version', 'stableVersion']);
  });

  it('names the metric and field of a missing argument', () => {
    expect(() =>
      renderMetric(
        {
          name: 'rate',
          source: { prometheus: { address: 'http://p', query: '{{args.q}}' } },
          successCondition: 'result > 0',
        },
        {},
        'analysis run 7',
      ),
    ).toThrow('analysis run 7: metric "rate" query: no value for {{args.q}}');
  });
});

import { describe, expect, it } from 'vitest';
import type { Deployment, Release } from '../src/api/api-types.js';
import { doraMetrics, teamDoraMetrics } from '../src/metrics/dora-metrics.js';
import { deployment, hour, now, release } from './dora-fixtures.js';

// Failures known from fix releases: a release whose `fixes` names an earlier version marks the
// production deployment of that version it replaced as failed, restored when the fix went live.

const metricsOf = (releases: Release[], deployments: Deployment[]) =>
  doraMetrics({ productionEnvironment: 'prod', deployments, releases, now, windowDays: 14 });

describe('doraMetrics with fix releases', () => {
  it('counts a production deployment followed by a fix of its version that reached production', () => {
    const metrics = metricsOf(
      [release('1.0.0', 100), release('1.1.0', 80), release('1.1.1', 60, { fixes: '1.1.0' })],
      [
        deployment('1.0.0', 'prod', 90),
        deployment('1.1.0', 'prod', 70),
        deployment('1.1.1', 'staging', 55),
        deployment('1.1.1', 'prod', 50),
      ],
    );
    expect(metrics.deployments).toBe(3);
    expect(metrics.failures).toBe(1);
    expect(metrics.changeFailureRate).toBeCloseTo(1 / 3);
    // Restored when the fix went live in production (not when it reached staging).
    expect(metrics.restores).toEqual([{ version: '1.1.0', milliseconds: 20 * hour }]);
    expect(metrics.unrestored).toBe(0);
  });

  it('does not count a fix that has not reached production yet', () => {
    const metrics = metricsOf(
      [release('1.1.0', 80), release('1.1.1', 60, { fixes: '1.1.0' })],
      [deployment('1.1.0', 'prod', 70), deployment('1.1.1', 'staging', 50)],
    );
    expect(metrics.failures).toBe(0);
    expect(metrics.changeFailureRate).toBe(0);
    expect(metrics.restores).toEqual([]);
  });

  it('counts a deployment rolled back and also fixed once, restored by the rollback', () => {
    const metrics = metricsOf(
      [release('1.0.0', 100), release('1.1.0', 80), release('1.1.1', 60, { fixes: '1.1.0' })],
      [
        deployment('1.0.0', 'prod', 90),
        deployment('1.1.0', 'prod', 70, 'rolled_back'),
        deployment('1.0.0', 'prod', 69, 'succeeded', 'rollback'),
        deployment('1.1.1', 'prod', 50),
      ],
    );
    expect(metrics.deployments).toBe(3);
    expect(metrics.failures).toBe(1);
    expect(metrics.restores).toEqual([{ version: '1.1.0', milliseconds: 1 * hour }]);
  });

  it('counts a version fixed by several releases once, restored by the first fix live', () => {
    const metrics = metricsOf(
      [
        release('1.1.0', 80),
        release('1.1.1', 60, { fixes: '1.1.0' }),
        release('1.1.2', 40, { fixes: '1.1.0' }),
      ],
      [
        deployment('1.1.0', 'prod', 70),
        deployment('1.1.1', 'prod', 50),
        deployment('1.1.2', 'prod', 30),
      ],
    );
    expect(metrics.deployments).toBe(3);
    expect(metrics.failures).toBe(1);
    expect(metrics.restores).toEqual([{ version: '1.1.0', milliseconds: 20 * hour }]);
  });

  it('marks only the deployment the fix replaced, not earlier deployments of the same version', () => {
    const metrics = metricsOf(
      [release('1.1.0', 80), release('1.1.1', 30, { fixes: '1.1.0' })],
      [
        deployment('1.1.0', 'prod', 70),
        deployment('1.1.0', 'prod', 40, 'succeeded', 'deploy'),
        deployment('1.1.1', 'prod', 20),
      ],
    );
    expect(metrics.deployments).toBe(3);
    expect(metrics.failures).toBe(1);
    expect(metrics.restores).toEqual([{ version: '1.1.0', milliseconds: 20 * hour }]);
  });

  it('never rises above 100%: every deployment failing, each by rollback or fix', () => {
    const metrics = metricsOf(
      [
        release('1.0.0', 100),
        release('1.0.1', 90, { fixes: '1.0.0' }),
        release('1.0.2', 80, { fixes: '1.0.1' }),
        release('1.0.3', 70, { fixes: '1.0.2' }),
      ],
      [
        deployment('1.0.0', 'prod', 95),
        deployment('1.0.1', 'prod', 85),
        deployment('1.0.2', 'prod', 75, 'rolled_back'),
        deployment('1.0.1', 'prod', 74, 'succeeded', 'rollback'),
        deployment('1.0.3', 'prod', 65),
        deployment('1.0.3', 'prod', 64, 'rolled_back', 'deploy'),
        deployment('1.0.2', 'prod', 63, 'succeeded', 'rollback'),
      ],
    );
    expect(metrics.deployments).toBe(5);
    expect(metrics.failures).toBe(4);
    expect(metrics.changeFailureRate).toBeLessThanOrEqual(1);
    // 1.0.3's second deployment was rolled back; its first is not fixed by anything.
    expect(metrics.restores.map((sample) => sample.version)).toEqual([
      '1.0.0',
      '1.0.1',
      '1.0.2',
      '1.0.3',
    ]);
  });

  it('adds fix failures into team figures', () => {
    const { team } = teamDoraMetrics(
      [
        {
          service: 'api',
          productionEnvironment: 'prod',
          releases: [release('1.1.0', 80), release('1.1.1', 60, { fixes: '1.1.0' })],
          deployments: [deployment('1.1.0', 'prod', 70), deployment('1.1.1', 'prod', 50)],
        },
      ],
      now,
      14,
    );
    expect(team.failures).toBe(1);
    expect(team.changeFailureRate).toBe(0.5);
  });
});

import { describe, expect, it } from 'vitest';
import { doraMetrics, median, teamDoraMetrics } from '../src/metrics/dora-metrics.js';
import { deployment, hour, now, release } from './dora-fixtures.js';

const releases = [
  release('1.0.0', 200),
  release('1.1.0', 100, { commitHoursAgo: 110 }),
  release('1.2.0', 50),
  release('1.3.0', 20),
];

const deployments = [
  deployment('1.0.0', 'staging', 190),
  deployment('1.0.0', 'prod', 180, 'succeeded', 'promote'),
  deployment('1.1.0', 'prod', 90, 'rolled_back'),
  deployment('1.0.0', 'prod', 88, 'succeeded', 'rollback'),
  deployment('1.2.0', 'prod', 40, 'failed'),
  deployment('1.2.0', 'prod', 30),
  deployment('1.3.0', 'prod', 10),
  deployment('1.3.0', 'prod', 5, 'in_progress'),
];

describe('doraMetrics', () => {
  const metrics = doraMetrics({
    productionEnvironment: 'prod',
    deployments,
    releases,
    now,
    windowDays: 14,
  });

  it('counts successful production deployments of changes: not rollbacks, failures or other environments', () => {
    // 1.0.0 (promote), 1.1.0 (later rolled back), 1.2.0 (the retry that succeeded), 1.3.0.
    expect(metrics.deployments).toBe(4);
    expect(metrics.deploymentsPerWeek).toBe(2);
    expect(metrics.weekly.map((week) => week.deployments)).toEqual([1, 3]);
  });

  it('measures lead time per release to its first production deployment, from the commit when recorded', () => {
    expect(metrics.leadTimes).toEqual([
      { version: '1.0.0', milliseconds: 20 * hour, from: 'release' },
      { version: '1.1.0', milliseconds: 20 * hour, from: 'commit' },
      { version: '1.2.0', milliseconds: 20 * hour, from: 'release' },
      { version: '1.3.0', milliseconds: 10 * hour, from: 'release' },
    ]);
    expect(metrics.medianLeadTime).toBe(20 * hour);
  });

  it('counts a rolled-back deployment as the one failure, restored by the rollback', () => {
    expect(metrics.failures).toBe(1);
    expect(metrics.changeFailureRate).toBe(0.25);
    expect(metrics.restores).toEqual([{ version: '1.1.0', milliseconds: 2 * hour }]);
    expect(metrics.medianTimeToRestore).toBe(2 * hour);
    expect(metrics.unrestored).toBe(0);
  });

  it('never rates failures above 100%: rollbacks are restores, not deployments', () => {
    const flapping = [
      deployment('1.1.0', 'prod', 10, 'rolled_back'),
      deployment('1.0.0', 'prod', 9, 'rolled_back', 'rollback'),
      deployment('1.0.0', 'prod', 8, 'succeeded', 'rollback'),
    ];
    const result = doraMetrics({
      productionEnvironment: 'prod',
      deployments: flapping,
      releases,
      now,
      windowDays: 7,
    });
    expect(result.deployments).toBe(1);
    expect(result.failures).toBe(1);
    expect(result.changeFailureRate).toBe(1);
  });

  it('leaves out what went live before the window and has no rate without deployments', () => {
    const result = doraMetrics({
      productionEnvironment: 'prod',
      deployments,
      releases,
      now,
      windowDays: 1,
    });
    expect(result.deployments).toBe(1);
    const empty = doraMetrics({
      productionEnvironment: 'prod',
      deployments: [],
      releases: [],
      now,
      windowDays: 30,
    });
    expect(empty.changeFailureRate).toBeNull();
    expect(empty.medianLeadTime).toBeNull();
    expect(empty.weekly).toHaveLength(5);
  });

  it('counts a failure with nothing live after it as not restored', () => {
    const result = doraMetrics({
      productionEnvironment: 'prod',
      deployments: [deployment('1.1.0', 'prod', 3, 'rolled_back')],
      releases,
      now,
      windowDays: 7,
    });
    expect(result.failures).toBe(1);
    expect(result.unrestored).toBe(1);
    expect(result.medianTimeToRestore).toBeNull();
  });
});

describe('teamDoraMetrics', () => {
  it("adds up the team's services, each measured in its own production environment", () => {
    const web = [
      deployment('1.0.0', 'live', 100),
      deployment('1.0.0', 'prod', 99),
      deployment('1.1.0', 'live', 50, 'rolled_back'),
      deployment('1.0.0', 'live', 49, 'succeeded', 'rollback'),
    ];
    const { team, perService } = teamDoraMetrics(
      [
        { service: 'api', productionEnvironment: 'prod', deployments, releases },
        { service: 'web', productionEnvironment: 'live', deployments: web, releases },
      ],
      now,
      14,
    );
    expect(perService.map(([name, metrics]) => [name, metrics.deployments])).toEqual([
      ['api', 4],
      ['web', 2],
    ]);
    expect(team.deployments).toBe(6);
    expect(team.deploymentsPerWeek).toBe(3);
    expect(team.weekly.map((week) => week.deployments)).toEqual([1, 5]);
    expect(team.failures).toBe(2);
    expect(team.changeFailureRate).toBe(2 / 6);
    expect(team.restores.map((sample) => sample.version)).toEqual(['api 1.1.0', 'web 1.1.0']);
    expect(team.medianTimeToRestore).toBe(1.5 * hour);
    expect(team.leadTimes).toHaveLength(6);
    expect(team.leadTimes[4]).toEqual({
      version: 'web 1.0.0',
      milliseconds: 100 * hour,
      from: 'release',
    });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

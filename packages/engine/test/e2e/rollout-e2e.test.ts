import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPolicy } from '@slipway/core';
import type { RolloutSpec } from '@slipway/core';
import {
  makeTempDir,
  nginxBinary,
  startDemoService,
  startLoadLoop,
  startNginx,
  startPrometheus,
} from '@slipway/test-utils';
import type {
  DemoService,
  LoadLoop,
  LoadTally,
  PrometheusServer,
  RunningNginx,
  TempDir,
} from '@slipway/test-utils';
import {
  createEmbeddedControlPlane,
  parseNginxUpstream,
  startRolloutScheduler,
} from '../../src/index.js';
import type { EmbeddedControlPlane, Rollout } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

/**
 * The "end to end on this machine": versions of a small HTTP service on loopback (v1;
 * a v2 that fails 30% of requests; healthy ones), a real nginx in front (the `nginx` traffic
 * router writes its upstream file and reloads it), a real Prometheus scraping them every second,
 * a bounded load loop through nginx, and canary and blue-green rollouts driven by the rollout
 * scheduler of an embedded control plane (ticking every 200 ms). No fixed sleeps: every wait
 * polls with a deadline.
 */

const prometheusBinary = '/usr/bin/prometheus';
const actor = { actor: 'e2e' };
const service = 'demo';
const env = 'prod';

/** What is missing to run these tests, naming the Debian package to install; undefined: none. */
function missingBinaries(): string | undefined {
  const missing = [
    { path: nginxBinary, debianPackage: 'nginx' },
    { path: prometheusBinary, debianPackage: 'prometheus' },
  ].filter(({ path }) => !existsSync(path));
  if (missing.length === 0) return undefined;
  const packages = missing.map(({ debianPackage }) => debianPackage).join(' ');
  const paths = missing.map(({ path }) => path).join(' and ');
  return `${paths} ${missing.length === 1 ? 'is' : 'are'} missing: this end-to-end test needs the Debian package(s) ${packages} (apt-get install ${packages})`;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  describeLast: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${describeLast()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('rollouts end to end: real nginx and Prometheus, a failing and a healthy v2', () => {
  let work: TempDir;
  let v1: DemoService;
  let failing: DemoService;
  let healthy: DemoService;
  let next: DemoService;
  let nginx: RunningNginx;
  let prometheus: PrometheusServer;
  let load: LoadLoop;
  let plane: EmbeddedControlPlane;
  let scheduler: { stop(): Promise<void> | void };
  const upstream = 'demo';
  let upstreamFile: string;
  const started = Date.now();

  // Missing binaries fail every test with the package to install: never a skip.
  let missing: string | undefined;
  function ready(): void {
    if (missing !== undefined) throw new Error(missing);
  }

  beforeAll(async () => {
    missing = missingBinaries();
    if (missing !== undefined) return;
    work = makeTempDir('slipway-rollout-e2e-');
    upstreamFile = join(work.path, 'upstreams.conf');
    [v1, failing, healthy, next] = await Promise.all([
      startDemoService({ version: '1.0.0' }),
      startDemoService({ version: '1.1.0', failureShare: 0.3 }),
      startDemoService({ version: '1.2.0' }),
      startDemoService({ version: '1.3.0' }),
    ]);
    nginx = await startNginx({
      dir: work.path,
      upstreamFile,
      upstream,
      initialServer: v1.hostPort,
    });
    prometheus = await startPrometheus({
      scrapeTargets: [v1, failing, healthy, next].map((demo) => demo.hostPort),
      scrapeIntervalSeconds: 1,
    });
    await prometheus.waitForTargets(20_000);
    load = startLoadLoop(`${nginx.url}/`, { ratePerSecond: 50, maxSeconds: 85 });

    const database = await openMigratedTestDatabase('sqlite');
    plane = createEmbeddedControlPlane({
      db: database.db,
      blobDir: join(work.path, 'blobs'),
    });
    scheduler = startRolloutScheduler(plane.rollouts, {
      intervalMs: 200,
      onError: (error) => console.error('rollout scheduler:', error),
    });
    await plane.addService({ name: service, lifecycle: [env] }, actor);
    // Not a test of approvals: the open policy lifts the tier defaults (ADR 0024).
    await plane.setPolicy(openPolicy, actor);
    for (const version of ['1.0.0', '1.1.0', '1.2.0', '1.3.0']) await release(plane, version);
    // v1 goes out all at once: there is nothing to compare a first version with.
    const first = await plane.deploy(
      { service, environment: env, ref: '1.0.0', strategy: 'all-at-once' },
      actor,
    );
    expect(first.status).toBe('succeeded');
  }, 60_000);

  afterAll(async () => {
    await scheduler?.stop();
    await load?.stop();
    await Promise.all([nginx?.stop(), prometheus?.stop()]);
    await Promise.all([v1, failing, healthy, next].map((demo) => demo?.stop()));
    await plane?.close();
    work?.cleanup();
    console.info(`rollout end-to-end: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  });

  /** nginx between `stable` and `canary`, and the error rate of `{{args.version}}` (the new one). */
  function specParts(stable: DemoService, canary: DemoService, interval: number, count: number) {
    const version = `version="{{args.version}}"`;
    return {
      trafficRouter: {
        kind: 'nginx',
        upstreamFile,
        upstream,
        stable: stable.hostPort,
        canary: canary.hostPort,
        reload: nginx.reloadArgv,
      },
      templates: [
        {
          name: 'error-rate',
          metrics: [
            {
              name: 'canary-error-rate',
              source: {
                prometheus: {
                  address: prometheus.url,
                  // No traffic yet is a rate of 0, not NaN: clamp the denominator.
                  query: `sum(rate(http_requests_total{${version},code="500"}[10s])) / clamp_min(sum(rate(http_requests_total{${version}}[10s])), 0.001)`,
                },
              },
              successCondition: 'result[0] < 0.05',
              intervalSeconds: interval,
              count,
              failureLimit: 0,
            },
          ],
        },
      ],
    } as const satisfies Omit<RolloutSpec, 'strategy'>;
  }

  function canarySpec(canary: DemoService): RolloutSpec {
    return {
      strategy: {
        kind: 'canary',
        steps: [
          { setWeight: 20 },
          { analysis: { templates: ['error-rate'] } },
          { setWeight: 50 },
          { pause: { seconds: 2 } },
          { setWeight: 100 },
        ],
      },
      ...specParts(v1, canary, 2, 3),
    };
  }

  async function rolloutOf(deploymentId: string): Promise<Rollout> {
    const [found] = (await plane.rollouts.listRollouts({ service, environment: env })).filter(
      (rollout) => rollout.deploymentId === deploymentId,
    );
    if (found === undefined) throw new Error(`no rollout for deployment ${deploymentId}`);
    return found;
  }

  async function settled(deploymentId: string, timeoutMs: number): Promise<Rollout> {
    let last: Rollout | undefined;
    return until(
      `the rollout of deployment ${deploymentId} to end`,
      async () => {
        last = await rolloutOf(deploymentId);
        return last.status === 'aborted' || last.status === 'succeeded' || last.status === 'frozen'
          ? last
          : undefined;
      },
      timeoutMs,
      () => `; last: ${JSON.stringify(last, null, 1)}`,
    );
  }

  /** What answered the next `answers` requests through nginx. */
  async function nextWindow(answers = 40): Promise<LoadTally> {
    load.reset();
    await until(
      `${answers} answers through nginx`,
      async () => (load.tally().done >= answers ? true : undefined),
      10_000,
    );
    return load.tally();
  }

  /** Waits until a whole window of answers through nginx comes from one version, no errors. */
  async function servedOnlyBy(version: string, timeoutMs = 15_000): Promise<void> {
    let tally: LoadTally | undefined;
    await until(
      `nginx to serve only ${version}`,
      async () => {
        // A request sent before nginx reloaded may finish in the window: then look again.
        tally = await nextWindow();
        const versions = Object.keys(tally.byVersion);
        return versions.length === 1 && versions[0] === version && tally.errors === 0
          ? true
          : undefined;
      },
      timeoutMs,
      () => `; last window: ${JSON.stringify(tally)}`,
    );
  }

  it('judges a canary of the failing v2, aborts it and rolls back traffic, deployment and flag', async () => {
    ready();
    const caseStarted = Date.now();
    await plane.updateService(
      service,
      { rollout: { environments: { [env]: canarySpec(failing) } } },
      actor,
    );
    const scope = { service, env };
    await plane.flags.setFlag(
      scope,
      'new-checkout',
      { state: 'DISABLED', variants: { on: true, off: false }, defaultVariant: 'off' },
      actor,
    );
    const before = await plane.flags.getFlag(scope, 'new-checkout');

    load.reset();
    const deployment = await plane.deploy({ service, environment: env, ref: '1.1.0' }, actor);
    expect(deployment.status).toBe('in_progress');
    // The release turns its flag on as its rollout begins (before any measurement can fail it).
    await plane.flags.setFlag(
      scope,
      'new-checkout',
      { state: 'ENABLED', defaultVariant: 'on' },
      actor,
    );

    expect((await plane.flags.getFlag(scope, 'new-checkout')).definition.state).toBe('ENABLED');
    const rollout = await settled(deployment.id, 45_000);
    expect(rollout.status, rollout.message ?? '').toBe('aborted');
    expect(rollout.weight).toBe(0);
    // nginx really sent the canary its share, and the canary really failed some of it.
    expect(load.tally().byVersion['1.1.0']?.failed ?? 0).toBeGreaterThan(0);
    const failedRun = rollout.analysisRuns.find((run) => run.phase === 'failed');
    const failedMeasurement = failedRun?.measurements.find((m) => m.phase === 'failed');
    expect((failedMeasurement?.value as number[] | undefined)?.[0]).toBeGreaterThan(0.05);
    expect((await plane.getDeployment(deployment.id)).status).toBe('failed');
    expect(
      parseNginxUpstream(
        { upstream, stable: v1.hostPort, canary: failing.hostPort },
        readFileSync(upstreamFile, 'utf8'),
      ),
    ).toBe(0);
    await servedOnlyBy('1.0.0');
    const status = await plane.status({ service });
    expect(status.services[0]?.environments[env]?.version).toBe('1.0.0');
    const restored = await plane.flags.getFlag(scope, 'new-checkout');
    expect(restored.definition).toEqual(before.definition);
    const aborted = await plane.listEvents({
      type: 'rollout.aborted',
      subject: `rollout:${rollout.id}`,
    });
    expect(aborted.events[0]?.payload).toMatchObject({ restoredFlags: ['new-checkout'] });
    console.info(
      `failing canary judged and rolled back in ${((Date.now() - caseStarted) / 1000).toFixed(1)} s`,
    );
  }, 70_000);

  it('takes a canary of a healthy v2 to 100%: deployment succeeded, nginx serves v2', async () => {
    ready();
    const caseStarted = Date.now();
    await plane.updateService(
      service,
      { rollout: { environments: { [env]: canarySpec(healthy) } } },
      actor,
    );
    load.reset();
    const deployment = await plane.deploy({ service, environment: env, ref: '1.2.0' }, actor);
    const rollout = await settled(deployment.id, 45_000);
    expect(rollout.status, rollout.message ?? '').toBe('succeeded');
    // Both versions answered on the way, none of them with an error.
    const during = load.tally();
    expect(during.byVersion['1.0.0']?.ok ?? 0).toBeGreaterThan(0);
    expect(during.byVersion['1.2.0']?.ok ?? 0).toBeGreaterThan(0);
    expect(during.byVersion['1.2.0']?.failed ?? 0).toBe(0);
    expect(rollout.weight).toBe(100);
    expect(rollout.analysisRuns.map((run) => run.phase)).toEqual(['successful']);
    expect(rollout.analysisRuns[0]?.measurements).toHaveLength(3);
    expect((await plane.getDeployment(deployment.id)).status).toBe('succeeded');
    expect(
      parseNginxUpstream(
        { upstream, stable: v1.hostPort, canary: healthy.hostPort },
        readFileSync(upstreamFile, 'utf8'),
      ),
    ).toBe(100);
    await servedOnlyBy('1.2.0');
    const status = await plane.status({ service });
    expect(status.services[0]?.environments[env]?.version).toBe('1.2.0');
    console.info(
      `healthy canary reached 100% in ${((Date.now() - caseStarted) / 1000).toFixed(1)} s`,
    );
  }, 70_000);

  it('holds a blue-green preview off nginx until promoted by hand, then switches and checks it', async () => {
    ready();
    const caseStarted = Date.now();
    const spec: RolloutSpec = {
      strategy: {
        kind: 'blue-green',
        postPromotionAnalysis: { templates: ['error-rate'] },
        scaleDownDelaySeconds: 1,
      },
      ...specParts(healthy, next, 1, 2),
    };
    await plane.updateService(service, { rollout: { environments: { [env]: spec } } }, actor);
    const deployment = await plane.deploy({ service, environment: env, ref: '1.3.0' }, actor);
    let last: Rollout | undefined;
    const preview = await until(
      'the preview to wait for promote',
      async () => {
        last = await rolloutOf(deployment.id);
        return last.status === 'paused' ? last : undefined;
      },
      15_000,
      () => `; last: ${JSON.stringify(last)}`,
    );
    expect(preview).toMatchObject({ currentStep: 0, weight: 0 });
    await servedOnlyBy('1.2.0');

    const promoted = await plane.rollouts.promoteRollout(preview.id, { actor: 'release-manager' });
    expect(promoted.weight).toBe(100);
    const rollout = await settled(deployment.id, 30_000);
    expect(rollout.status, rollout.message ?? '').toBe('succeeded');
    expect(rollout.analysisRuns.map((run) => [run.origin, run.phase])).toEqual([
      ['post-promotion', 'successful'],
    ]);
    expect((await plane.getDeployment(deployment.id)).status).toBe('succeeded');
    expect(
      parseNginxUpstream(
        { upstream, stable: healthy.hostPort, canary: next.hostPort },
        readFileSync(upstreamFile, 'utf8'),
      ),
    ).toBe(100);
    await servedOnlyBy('1.3.0');
    const events = await plane.listEvents({ subject: `rollout:${rollout.id}`, limit: 100 });
    expect(events.events.find((event) => event.type === 'rollout.promoted')?.actor).toBe(
      'release-manager',
    );
    console.info(
      `blue-green switched and checked in ${((Date.now() - caseStarted) / 1000).toFixed(1)} s`,
    );
  }, 60_000);
});

async function release(plane: EmbeddedControlPlane, version: string): Promise<void> {
  const bytes = Buffer.from(`${service} ${version}`);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  await plane.registerArtifact(
    { digest, name: `${service}-${version}.tar.gz`, kind: 'file', size: bytes.length, service },
    actor,
  );
  await plane.uploadArtifact(digest, Readable.from([bytes]), actor);
  // Only the first release may roll forward (it has nothing to roll back to); later ones roll back.
  await plane.createRelease(
    {
      service,
      version,
      artifacts: [digest],
      ...(version === '1.0.0'
        ? { rollForward: { reason: 'first release', steps: ['fix forward'] } }
        : {}),
    },
    actor,
  );
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MetricSource, RolloutSpec } from '@slipway/core';
import { openPolicy } from '@slipway/core';
import { parseAllDocuments } from 'yaml';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import {
  catalogRolloutSpec,
  createEmbeddedControlPlane,
  createFakeCatalogService,
  rolloutNeedsConfigure,
} from '../../src/index.js';
import { release } from '../approvals/policy-flow-fixtures.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

const actor = { actor: 'test' };
const dir = makeTempDir('slipway-catalog-argo-');
afterAll(() => dir.cleanup());

const canary = {
  kind: 'canary',
  steps: [{ setWeight: 20 }, { pause: { seconds: 60 } }, { setWeight: 50 }, { pause: {} }],
} as const;
const blueGreen = { kind: 'blue-green', autoPromotionSeconds: 30 } as const;

describe('catalogRolloutSpec', () => {
  it("answers an environment's own spec, else the default; all at once is undefined", async () => {
    const { service: catalog } = createFakeCatalogService();
    await catalog.addService(
      {
        name: 'shop',
        lifecycle: ['dev', 'staging', 'prod'],
        rollout: {
          default: { strategy: canary },
          environments: {
            prod: { strategy: blueGreen },
            dev: { strategy: { kind: 'all-at-once' } },
          },
        },
      },
      actor,
    );
    await catalog.addService({ name: 'plain' }, actor);
    const lookup = catalogRolloutSpec(catalog);
    expect(await lookup('shop', 'prod')).toEqual({ strategy: blueGreen });
    expect(await lookup('shop', 'staging')).toEqual({ strategy: canary });
    expect(await lookup('shop', 'dev')).toBeUndefined();
    expect(await lookup('plain', 'prod')).toBeUndefined();
    expect(await lookup('unknown', 'prod')).toBeUndefined();
  });
});

describe('rolloutNeedsConfigure', () => {
  const nginx = {
    kind: 'nginx',
    upstreamFile: 'up.conf',
    upstream: 'shop',
    stable: '127.0.0.1:1',
    canary: '127.0.0.1:2',
  };
  it('is true for command and nginx routers anywhere in the field, false otherwise', () => {
    const flag = { kind: 'flag', flag: 'f', stableVariant: 'a', canaryVariant: 'b' };
    const command = { kind: 'command', command: ['./route.sh'] } as const;
    expect(rolloutNeedsConfigure(undefined)).toBe(false);
    expect(rolloutNeedsConfigure(null)).toBe(false);
    expect(rolloutNeedsConfigure({ default: { strategy: canary, trafficRouter: flag } })).toBe(
      false,
    );
    expect(rolloutNeedsConfigure({ default: { strategy: canary } })).toBe(false);
    expect(
      rolloutNeedsConfigure({
        default: { strategy: canary, trafficRouter: flag },
        environments: { prod: { strategy: canary, trafficRouter: command } },
      }),
    ).toBe(true);
    expect(rolloutNeedsConfigure({ default: { strategy: canary, trafficRouter: nginx } })).toBe(
      true,
    );
    expect(
      rolloutNeedsConfigure({
        environments: { prod: { strategy: canary, trafficRouter: { ...nginx, reload: ['x'] } } },
      }),
    ).toBe(true);
    // A router the stored spec already has in the same place, unchanged, is no change.
    const stored = { environments: { prod: { strategy: canary, trafficRouter: command } } };
    const steps = { kind: 'canary', steps: [{ setWeight: 100 }] };
    expect(
      rolloutNeedsConfigure(
        { environments: { prod: { strategy: steps, trafficRouter: command } } },
        stored,
      ),
    ).toBe(false);
    expect(
      rolloutNeedsConfigure(
        { environments: { dev: { strategy: steps, trafficRouter: command } } },
        stored,
      ),
    ).toBe(true);
    expect(
      rolloutNeedsConfigure(
        {
          environments: {
            prod: { strategy: steps, trafficRouter: { ...command, command: ['x'] } },
          },
        },
        stored,
      ),
    ).toBe(true);
    // Refused by the parser anyway (the change fails naming the field).
    expect(rolloutNeedsConfigure({ default: { strategy: canary, trafficRouter: 'command' } })).toBe(
      false,
    );
  });
  it('is true for a metric address or URL the stored spec does not name yet', () => {
    const analysed = (source: MetricSource): RolloutSpec => ({
      strategy: canary,
      templates: [
        { name: 'health', metrics: [{ name: 'ok', source, successCondition: 'result == 1' }] },
      ],
    });
    const prometheus: MetricSource = {
      prometheus: { address: 'http://127.0.0.1:9090', query: 'up' },
    };
    const web: MetricSource = { web: { url: 'http://10.0.0.7/health' } };
    const judge: MetricSource = {
      judge: {
        address: 'http://127.0.0.1:9090',
        canaryQuery: 'a',
        baselineQuery: 'b',
        direction: 'increase',
      },
    };
    for (const source of [prometheus, web, judge]) {
      expect(rolloutNeedsConfigure({ default: analysed(source) })).toBe(true);
    }
    // Known addresses, anywhere in the stored rollouts, do not count: steps may change freely.
    const stored = { environments: { prod: analysed(prometheus) } };
    expect(rolloutNeedsConfigure({ default: analysed(judge) }, stored)).toBe(false);
    expect(rolloutNeedsConfigure({ environments: { staging: analysed(prometheus) } }, stored)).toBe(
      false,
    );
    expect(rolloutNeedsConfigure({ default: analysed(web) }, stored)).toBe(true);
    // An address filled from arguments: the arguments decide where it goes, so any change counts.
    const templated: MetricSource = { web: { url: 'http://{{args.host}}/health' } };
    const known = { default: { ...analysed(templated), args: { host: 'shop.internal' } } };
    expect(rolloutNeedsConfigure(known, known)).toBe(false);
    expect(
      rolloutNeedsConfigure(
        { default: { ...known.default, args: { host: '169.254.169.254' } } },
        known,
      ),
    ).toBe(true);
  });
});

describe.each(testDialects())('an argo-rollouts deployment on %s', (dialect) => {
  it("renders the service's canary spec, not all at once", async () => {
    const work = join(dir.path, dialect);
    const database = await openMigratedTestDatabase(dialect);
    const plane = createEmbeddedControlPlane({ db: database.db, blobDir: join(work, 'blobs') });
    // Not a test of approvals: the open policy lifts the tier defaults (ADR 0024).
    await plane.setPolicy(openPolicy, actor);
    await plane.addService(
      {
        name: 'checkout',
        lifecycle: ['prod'],
        // A kubectl that is on no PATH: the deployer writes the manifests to manifestDir.
        deployer: {
          kind: 'argo-rollouts',
          image: 'ghcr.io/acme/checkout',
          kubectl: ['slipway-test-kubectl-not-installed'],
          manifestDir: 'manifests',
        },
        rollout: { environments: { prod: { strategy: canary } } },
      },
      actor,
    );
    await release(plane, 'checkout', '2.4.0');
    const deployment = await plane.deploy(
      { service: 'checkout', environment: 'prod', ref: '2.4.0' },
      actor,
    );
    const file = join(work, 'manifests', 'checkout-prod.yaml');
    expect(deployment).toMatchObject({ strategy: 'canary', deployer: 'argo-rollouts' });
    expect(deployment.logs).toContain(`is not on PATH: wrote the Argo Rollouts resources`);
    expect(deployment.logs).toContain(file);
    const objects = parseAllDocuments(readFileSync(file, 'utf8')).map(
      (doc) => doc.toJS() as { kind: string; spec: unknown },
    );
    const rollout = objects.find((object) => object.kind === 'Rollout');
    expect(rollout?.spec).toMatchObject({
      template: { spec: { containers: [{ image: 'ghcr.io/acme/checkout:2.4.0' }] } },
      strategy: {
        canary: {
          steps: [
            { setWeight: 20 },
            { pause: { duration: '60s' } },
            { setWeight: 50 },
            { pause: {} },
          ],
        },
      },
    });
    // Argo runs the canary in the cluster: the next version starts no rollout of Slipway's own.
    await release(plane, 'checkout', '2.5.0');
    const next = await plane.deploy(
      { service: 'checkout', environment: 'prod', ref: '2.5.0' },
      actor,
    );
    expect(next.status).toBe('succeeded');
    expect(readFileSync(file, 'utf8')).toContain('ghcr.io/acme/checkout:2.5.0');
    expect(await plane.rollouts.listRollouts({ service: 'checkout' })).toEqual([]);

    // A hotfix asked all at once renders no steps for its version.
    await release(plane, 'checkout', '2.5.1');
    const hotfix = await plane.deploy(
      { service: 'checkout', environment: 'prod', ref: '2.5.1', strategy: 'all-at-once' },
      actor,
    );
    expect(hotfix).toMatchObject({ status: 'succeeded', strategy: 'all-at-once' });
    const rendered = parseAllDocuments(readFileSync(file, 'utf8'))
      .map((doc) => doc.toJS() as { kind: string; spec: { strategy: unknown } })
      .find((object) => object.kind === 'Rollout');
    expect(rendered?.spec.strategy).toEqual({ canary: {} });
    await plane.close();
  });
});

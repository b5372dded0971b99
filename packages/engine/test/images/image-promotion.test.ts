import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPolicy } from '@slipway/core';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { OciRegistryClient } from '../../src/adapters/oci/index.js';
import {
  createEmbeddedControlPlane,
  imagePromotionFromEnv,
  imagePromotionSettingsFromEnv,
  parseImageEvent,
} from '../../src/index.js';
import type { EmbeddedControlPlane, ImagePromotionConfig } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { RunningRegistry } from '../oci/registry-process.js';
import { startRegistry } from '../oci/registry-process.js';
import { startFaultyProxy } from '../oci/faulty-proxy.js';
import { skopeoDigest } from '../oci/skopeo.js';
import { buildTestImage, pushTestImage } from '../oci/test-image.js';
import type { TestImage } from '../oci/test-image.js';

const actor = { actor: 'ci@example.com' };
const commit = '0123456789abcdef0123456789abcdef01234567';

describe('promotion of a service with an image (control plane, docker-registry)', () => {
  let ci: RunningRegistry;
  let prod: RunningRegistry;
  const client = (registry: string): OciRegistryClient =>
    new OciRegistryClient({ registry, insecure: true });

  beforeAll(async () => {
    [ci, prod] = await Promise.all([startRegistry('none'), startRegistry('none')]);
  });
  afterAll(async () => {
    await Promise.all([ci.stop(), prod.stop()]);
    cleanupTempDirs();
  });

  async function controlPlaneWith(
    config: ImagePromotionConfig,
    registryFor: (registry: string) => string = (r) => r,
  ): Promise<EmbeddedControlPlane> {
    const database = await openMigratedTestDatabase('sqlite');
    const controlPlane = createEmbeddedControlPlane({
      db: database.db,
      blobDir: makeTempDir('slipway-image-promotion-').path,
      imagePromotion: { config, clients: (registry) => client(registryFor(registry)) },
    });
    // Not a test of approvals: the open policy lifts the tier defaults (ADR 0024).
    await controlPlane.setPolicy(openPolicy, actor);
    return controlPlane;
  }

  /** api 1.4.0 whose only artifact is the image, pushed to CI's registry and running in dev. */
  async function releasedInDev(
    controlPlane: EmbeddedControlPlane,
    seed: string,
    repository: string,
    rollForward = true,
  ): Promise<TestImage> {
    const image = buildTestImage(seed);
    await pushTestImage(client(ci.host), repository, image, 'build-1');
    await controlPlane.addService({ name: 'api', lifecycle: ['dev', 'prod'] }, actor);
    await controlPlane.registerArtifact(
      {
        digest: image.index.digest,
        name: `${ci.host}/${repository}`,
        kind: 'oci-image',
        size: image.index.bytes.length,
        service: 'api',
        version: '1.4.0',
        sourceCommit: commit,
      },
      actor,
    );
    await controlPlane.createRelease(
      {
        service: 'api',
        version: '1.4.0',
        commit,
        artifacts: [image.index.digest],
        // prod's first deployment needs a way forward: the lifecycle rules ask for one.
        rollForward: rollForward ? { reason: 'first release', steps: ['deploy a fix'] } : null,
      },
      actor,
    );
    await controlPlane.deploy({ service: 'api', environment: 'dev', ref: '1.4.0' }, actor);
    return image;
  }

  const prodTarget = (repository: string): ImagePromotionConfig => ({
    services: {
      api: {
        prod: {
          repository: `${prod.host}/${repository}`,
          tags: ['{version}', 'git-{sha_short}'],
          movingTags: ['{env}'],
        },
      },
    },
  });

  it('copies the exact digest to prod’s registry at promotion, tags it, and records image.promoted', async () => {
    const controlPlane = await controlPlaneWith(prodTarget('prod/api'));
    // What prod ran before: its moving `prod` tag moves, and the event says from where.
    const before = buildTestImage('gate-before');
    await pushTestImage(client(prod.host), 'prod/api', before, 'prod');
    const image = await releasedInDev(controlPlane, 'gate-promote', 'team/api');

    const deployment = await controlPlane.promote(
      { service: 'api', from: 'dev', to: 'prod' },
      actor,
    );

    expect(deployment).toMatchObject({ status: 'succeeded', digests: [image.index.digest] });
    for (const tag of ['1.4.0', 'git-0123456', 'prod']) {
      expect(await skopeoDigest(`${prod.host}/prod/api:${tag}`)).toBe(image.index.digest);
    }
    const { events } = await controlPlane.listEvents({ type: 'image.promoted' });
    // Copied with its fixed tags before the deployment; the moving tag once it was recorded.
    expect(events.map((e) => [e.subject, e.actor, e.payload])).toEqual([
      [
        `artifact:${image.index.digest}`,
        'ci@example.com',
        {
          source: `${ci.host}/team/api@${image.index.digest}`,
          environment: 'prod',
          destination: `${prod.host}/prod/api@${image.index.digest}`,
          tags: [
            { tag: '1.4.0', previous: null },
            { tag: 'git-0123456', previous: null },
          ],
        },
      ],
      [
        `artifact:${image.index.digest}`,
        'ci@example.com',
        {
          source: `${prod.host}/prod/api@${image.index.digest}`,
          environment: 'prod',
          destination: `${prod.host}/prod/api@${image.index.digest}`,
          tags: [{ tag: 'prod', previous: before.index.digest }],
        },
      ],
    ]);
    // dev has no target: the deploy there placed nothing.
    expect((await controlPlane.listEvents({ type: 'image.tagged' })).events).toEqual([]);
  });

  it('leaves the moving tag where it was when the lifecycle rules refuse the deployment after the gate', async () => {
    const controlPlane = await controlPlaneWith(prodTarget('prod/late'));
    const before = buildTestImage('gate-late-before');
    await pushTestImage(client(prod.host), 'prod/late', before, 'prod');
    const image = await releasedInDev(controlPlane, 'gate-late', 'team/late', false);

    await expect(
      controlPlane.promote({ service: 'api', from: 'dev', to: 'prod' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('no rollback path') as string,
    });
    // The immutable tags name the right digest; what prod runs did not change.
    expect(await skopeoDigest(`${prod.host}/prod/late:1.4.0`)).toBe(image.index.digest);
    expect(await skopeoDigest(`${prod.host}/prod/late:prod`)).toBe(before.index.digest);
  });

  it('moves the environment tag back with a rollback, and leaves the fixed tags as they were', async () => {
    const controlPlane = await controlPlaneWith(prodTarget('prod/back'));
    const first = await releasedInDev(controlPlane, 'gate-back-1', 'team/back');
    await controlPlane.promote({ service: 'api', from: 'dev', to: 'prod' }, actor);
    const second = buildTestImage('gate-back-2');
    const nextCommit = 'fedcba9876543210fedcba9876543210fedcba98';
    await pushTestImage(client(ci.host), 'team/back', second, 'build-2');
    await controlPlane.registerArtifact(
      {
        digest: second.index.digest,
        name: `${ci.host}/team/back`,
        kind: 'oci-image',
        size: second.index.bytes.length,
        service: 'api',
        version: '1.5.0',
        sourceCommit: nextCommit,
      },
      actor,
    );
    await controlPlane.createRelease(
      { service: 'api', version: '1.5.0', commit: nextCommit, artifacts: [second.index.digest] },
      actor,
    );
    await controlPlane.deploy({ service: 'api', environment: 'dev', ref: '1.5.0' }, actor);
    await controlPlane.promote({ service: 'api', from: 'dev', to: 'prod' }, actor);
    expect(await skopeoDigest(`${prod.host}/prod/back:prod`)).toBe(second.index.digest);

    const back = await controlPlane.rollback({ service: 'api', environment: 'prod' }, actor);
    expect(back).toMatchObject({ status: 'succeeded', version: '1.4.0' });
    expect(await skopeoDigest(`${prod.host}/prod/back:prod`)).toBe(first.index.digest);
    expect(await skopeoDigest(`${prod.host}/prod/back:1.5.0`)).toBe(second.index.digest);
    const { events } = await controlPlane.listEvents({ type: 'image.promoted' });
    expect(events.at(-1)?.payload).toMatchObject({
      environment: 'prod',
      tags: [{ tag: 'prod', previous: second.index.digest }],
    });
    expect((await controlPlane.listEvents({ type: 'deployment.follow_up_failed' })).events).toEqual(
      [],
    );
  });

  it('refuses the promotion when a fixed tag points elsewhere, moving no tag at all', async () => {
    const controlPlane = await controlPlaneWith(prodTarget('prod/clash'));
    const older = buildTestImage('gate-older');
    await pushTestImage(client(prod.host), 'prod/clash', older, 'prod');
    await pushTestImage(client(prod.host), 'prod/clash', older, '1.4.0');
    const image = await releasedInDev(controlPlane, 'gate-clash', 'team/clash');

    await expect(
      controlPlane.promote({ service: 'api', from: 'dev', to: 'prod' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining(
        `${prod.host}/prod/clash:1.4.0 points to ${older.index.digest}`,
      ) as string,
    });
    // Nothing moved, nothing deployed, the refusal is recorded with its reason.
    expect(await skopeoDigest(`${prod.host}/prod/clash:prod`)).toBe(older.index.digest);
    expect(
      (await controlPlane.status({ service: 'api' })).services[0]?.environments,
    ).not.toHaveProperty('prod');
    const refused = (await controlPlane.listEvents({ type: 'deployment.refused' })).events;
    expect(JSON.stringify(refused.at(-1)?.payload)).toContain(
      `image ${ci.host}/team/clash@${image.index.digest}`,
    );
  });

  it('refuses the promotion, with no tag on a partial image, when prod’s registry goes down mid-copy', async () => {
    const proxy = await startFaultyProxy(prod.host, { failAfter: 5 });
    try {
      const controlPlane = await controlPlaneWith(prodTarget('prod/down'), (registry) =>
        registry === prod.host ? proxy.host : registry,
      );
      await releasedInDev(controlPlane, 'gate-down', 'team/down');
      await expect(
        controlPlane.promote({ service: 'api', from: 'dev', to: 'prod' }, actor),
      ).rejects.toMatchObject({ code: 'REFUSED' });
      expect(await client(prod.host).listTags('prod/down')).toEqual([]);
      expect((await controlPlane.listEvents({ type: 'image.promoted' })).events).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('image promotion settings and image events', () => {
  it('reads SLIPWAY_IMAGE_PROMOTION and names the field that is wrong', () => {
    expect(imagePromotionFromEnv({})).toBeNull();
    const settings = imagePromotionSettingsFromEnv({
      SLIPWAY_IMAGE_PROMOTION: JSON.stringify({
        services: {
          '*': { prod: { repository: 'registry.example.com/prod/api', tags: ['{version}'] } },
        },
        plainHttp: true,
      }),
      SLIPWAY_REGISTRY_USERNAME: 'ci',
    });
    expect(settings?.config.services['*']?.['prod']?.repository).toBe(
      'registry.example.com/prod/api',
    );
    expect(settings?.clients('registry.example.com').registry).toBe('registry.example.com');
    expect(() =>
      imagePromotionFromEnv({
        SLIPWAY_IMAGE_PROMOTION: JSON.stringify({ services: { api: { prod: { tags: [] } } } }),
      }),
    ).toThrow(/SLIPWAY_IMAGE_PROMOTION services\.api\.prod\.repository/);
    expect(() => imagePromotionFromEnv({ SLIPWAY_IMAGE_PROMOTION: '{' })).toThrow(/not valid JSON/);
  });

  it('accepts the three image event types by digest and refuses anything else, naming the field', () => {
    const subject = `artifact:sha256:${'a'.repeat(64)}`;
    expect(parseImageEvent({ type: 'image.tagged', subject, payload: { tags: [] } })).toEqual({
      type: 'image.tagged',
      subject,
      payload: { tags: [] },
    });
    expect(() => parseImageEvent({ type: 'image.deleted', subject, payload: {} })).toThrow(
      /image event type/,
    );
    expect(() =>
      parseImageEvent({ type: 'image.tagged', subject: 'artifact:latest', payload: {} }),
    ).toThrow(/image event subject/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import type { TempDir } from '@slipway/test-utils';
import { HttpControlPlane, OciRegistryClient } from '@slipway/engine';
import type { RunningRegistry } from '../../engine/test/oci/registry-process.js';
import { startRegistry } from '../../engine/test/oci/registry-process.js';
import { skopeoDigest } from '../../engine/test/oci/skopeo.js';
import { buildTestImage, pushTestImage } from '../../engine/test/oci/test-image.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';
import { writeOpenPolicy } from './open-policy-file.js';

const adminToken = 'slw_image-promotion-admin-token-chosen-by-the-test';
const commit = 'fedcba9876543210fedcba9876543210fedcba98';

describe('built CLI against slipway serve: promoting a service promotes its image', () => {
  let ci: RunningRegistry;
  let prod: RunningRegistry;
  let server: BuiltServer;
  let dir: TempDir;

  beforeAll(async () => {
    [ci, prod] = await Promise.all([startRegistry('none'), startRegistry('none')]);
    dir = makeTempDir('slipway-image-promotion-cli-');
    server = await startBuiltServer(dir.path, {
      SLIPWAY_ADMIN_TOKEN: adminToken,
      SLIPWAY_DATABASE_URL: undefined,
      // The server places images itself: where prod's image lives, and under which tags.
      SLIPWAY_IMAGE_PROMOTION: JSON.stringify({
        plainHttp: true,
        services: {
          api: {
            prod: {
              repository: `${prod.host}/prod/api`,
              tags: ['{version}'],
              movingTags: ['{env}'],
            },
          },
        },
      }),
    });
  });
  afterAll(async () => {
    await server.stop();
    await Promise.all([ci.stop(), prod.stop()]);
    dir.cleanup();
  });

  it('copies the exact digest CI pushed into prod’s registry, and history shows it with the commit', async () => {
    const image = buildTestImage('served-promotion');
    await pushTestImage(
      new OciRegistryClient({ registry: ci.host, insecure: true }),
      'team/api',
      image,
      'build-9',
    );
    const env = { SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: adminToken };
    const slipway = (args: readonly string[]) => runBuiltCliAsync(args, { cwd: dir.path, env });
    expect((await slipway(['service', 'add', 'api', '--lifecycle', 'dev,prod'])).stderr).toBe('');
    // About the image, not approvals: an open policy (ADR 0024).
    expect((await slipway(['policy', 'set', writeOpenPolicy(dir.path)])).stderr).toBe('');
    const recorded = await slipway([
      'image',
      'record',
      `${ci.host}/team/api:build-9`,
      '--service',
      'api',
      '--version',
      '3.0.0',
      '--commit',
      commit,
      '--plain-http',
    ]);
    expect(recorded.stderr).toBe('');
    // The release that carries the image (CI's `slipway push` does this for built files).
    const remote = new HttpControlPlane({ url: server.url, token: adminToken });
    await remote.createRelease(
      {
        service: 'api',
        version: '3.0.0',
        commit,
        artifacts: [image.index.digest],
        rollForward: { reason: 'first release', steps: ['deploy a fix'] },
      },
      { actor: 'ci' },
    );
    expect((await slipway(['deploy', 'api', '3.0.0', '--env', 'dev'])).stderr).toBe('');

    const promoted = await slipway(['promote', 'api', '--from', 'dev', '--to', 'prod']);
    expect(promoted.stderr).toBe('');
    expect(promoted.status).toBe(0);
    for (const tag of ['3.0.0', 'prod']) {
      expect(await skopeoDigest(`${prod.host}/prod/api:${tag}`)).toBe(image.index.digest);
    }
    const events = JSON.parse(
      (await slipway(['ledger', 'list', '--type', 'image.promoted', '--json'])).stdout,
    ) as { events: { payload: { tags: { tag: string }[] } }[] };
    expect(events.events.map((e) => e.payload.tags.map((t) => t.tag))).toEqual([
      ['3.0.0'],
      ['prod'],
    ]);

    const history = await slipway(['history', 'api', '--env', 'prod']);
    expect(history.stdout).toContain(
      `image ${ci.host}/team/api@${image.index.digest.slice(0, 19)} commit fedcba9`,
    );
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import {
  OciRegistryClient,
  createEmbeddedControlPlane,
  databaseUrlFor,
  openDatabase,
} from '@slipway/engine';
import type { RunningRegistry } from '../../engine/test/oci/registry-process.js';
import { startRegistry } from '../../engine/test/oci/registry-process.js';
import { skopeoDigest } from '../../engine/test/oci/skopeo.js';
import { buildTestImage, pushTestImage } from '../../engine/test/oci/test-image.js';
import { testUser } from '../../engine/test/oci/token-server.js';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';

const sha = '0123456789abcdef0123456789abcdef01234567';

describe('built CLI: slipway image against docker-registry with token auth', () => {
  let ci: RunningRegistry;
  let prod: RunningRegistry;
  const work = makeTempDir('slipway-image-cli-');
  const env = {
    SLIPWAY_REGISTRY_USERNAME: testUser.username,
    SLIPWAY_REGISTRY_PASSWORD: testUser.password,
    SLIPWAY_ACTOR: 'ci@example.com',
  };
  // Asynchronous: the token server runs in this process and must answer the CLI.
  const slipway = (
    args: readonly string[],
    extraEnv: Record<string, string> = {},
  ): Promise<CliResult> =>
    runBuiltCliAsync([...args, '--plain-http'], { cwd: work.path, env: { ...env, ...extraEnv } });

  beforeAll(async () => {
    [ci, prod] = await Promise.all([startRegistry('token'), startRegistry('token')]);
  });
  afterAll(async () => {
    await Promise.all([ci.stop(), prod.stop()]);
    cleanupTempDirs();
  });

  it('records an image with its platform digests, tags it from templates, promotes the exact digest', async () => {
    const image = buildTestImage('cli');
    await pushTestImage(
      new OciRegistryClient({ registry: ci.host, insecure: true, credentials: testUser }),
      'team/api',
      image,
      'build-1',
    );
    const added = await runBuiltCliAsync(['service', 'add', 'api'], { cwd: work.path, env });
    expect(added.stderr).toBe('');

    const recorded = await slipway([
      'image',
      'record',
      `${ci.host}/team/api:build-1`,
      '--service',
      'api',
      '--version',
      '1.2.0',
      '--commit',
      sha,
      '--tag',
      '{version}',
      '--tag',
      'git-{sha_short}',
      '--json',
    ]);
    expect(recorded.stderr).toBe('');
    const { record, placed } = JSON.parse(recorded.stdout) as {
      record: { digest: string; platforms: { digest: string }[] };
      placed: { changed: { tag: string }[] };
    };
    expect(record.digest).toBe(image.index.digest);
    expect(record.platforms.map((p) => p.digest)).toEqual(image.manifests.map((m) => m.digest));
    expect(placed.changed.map((c) => c.tag)).toEqual(['1.2.0', 'git-0123456']);
    expect(await skopeoDigest(`${ci.host}/team/api:git-0123456`, testUser)).toBe(
      image.index.digest,
    );

    const listed = await runBuiltCliAsync(['artifact', 'list', '--service', 'api', '--json'], {
      cwd: work.path,
      env,
    });
    expect(JSON.parse(listed.stdout)).toMatchObject({
      artifacts: [{ digest: image.index.digest, kind: 'oci-image', version: '1.2.0' }],
    });

    const promoted = await slipway([
      'image',
      'promote',
      `${ci.host}/team/api@${image.index.digest}`,
      `${prod.host}/prod/api`,
      '--version',
      '1.2.0',
      '--env',
      'prod',
      '--tag',
      '{version}',
      '--tag',
      '{env}',
    ]);
    expect(promoted.stderr).toBe('');
    expect(promoted.status).toBe(0);
    expect(promoted.stdout).toContain('copied and verified');
    expect(await skopeoDigest(`${prod.host}/prod/api:prod`, testUser)).toBe(image.index.digest);
    const promotions = await runBuiltCliAsync(
      ['ledger', 'list', '--type', 'image.promoted', '--json'],
      { cwd: work.path, env },
    );
    expect(JSON.parse(promotions.stdout)).toMatchObject({
      events: [
        {
          subject: `artifact:${image.index.digest}`,
          actor: 'ci@example.com',
          payload: {
            environment: 'prod',
            tags: [
              { tag: '1.2.0', previous: null },
              { tag: 'prod', previous: null },
            ],
          },
        },
      ],
    });
  });

  it('shows the image digest next to the version and the commit: deployment show, history, evidence', async () => {
    const image = buildTestImage('cli-shown');
    await pushTestImage(
      new OciRegistryClient({ registry: ci.host, insecure: true, credentials: testUser }),
      'team/shown',
      image,
      'build-2',
    );
    await runBuiltCliAsync(['service', 'add', 'shown'], { cwd: work.path, env });
    const recorded = await slipway([
      'image',
      'record',
      `${ci.host}/team/shown:build-2`,
      '--service',
      'shown',
      '--version',
      '2.0.0',
      '--commit',
      sha,
    ]);
    expect(recorded.stderr).toBe('');
    // The release and its deployment, recorded in the same embedded store the CLI uses.
    const { db, close } = await openDatabase({
      url: databaseUrlFor(join(work.path, '.slipway'), {}),
    });
    let deploymentId: string;
    try {
      const controlPlane = createEmbeddedControlPlane({
        db,
        blobDir: join(work.path, '.slipway', 'blobs'),
        imagePromotion: null,
      });
      await controlPlane.createRelease(
        { service: 'shown', version: '2.0.0', commit: sha, artifacts: [image.index.digest] },
        { actor: 'ci@example.com' },
      );
      deploymentId = (
        await controlPlane.deploy(
          { service: 'shown', environment: 'dev', ref: '2.0.0' },
          { actor: 'ci@example.com' },
        )
      ).id;
    } finally {
      await close();
    }
    const reference = `${ci.host}/team/shown@${image.index.digest}`;
    const shown = await runBuiltCliAsync(['deployment', 'show', deploymentId], {
      cwd: work.path,
      env,
    });
    expect(shown.stderr).toBe('');
    expect(shown.stdout).toContain(`image ${reference} (commit ${sha})`);
    const shownJson = await runBuiltCliAsync(['deployment', 'show', deploymentId, '--json'], {
      cwd: work.path,
      env,
    });
    expect(JSON.parse(shownJson.stdout)).toMatchObject({
      version: '2.0.0',
      images: [{ reference, digest: image.index.digest, commit: sha }],
    });
    const history = await runBuiltCliAsync(['history', 'shown'], { cwd: work.path, env });
    expect(history.stdout).toContain(`2.0.0`);
    expect(history.stdout).toContain(
      `image ${ci.host}/team/shown@${image.index.digest.slice(0, 19)} commit 0123456`,
    );

    const exported = await runBuiltCliAsync(
      ['evidence', 'export', 'shown', '2.0.0', '--out', 'shown-evidence'],
      { cwd: work.path, env },
    );
    expect(exported.status, exported.stderr).toBe(0);
    const manifest = JSON.parse(
      readFileSync(join(work.path, 'shown-evidence', 'manifest.json'), 'utf8'),
    ) as { items: { kind: string; path: string }[] };
    const record = manifest.items.find((item) => item.kind === 'deployment-record');
    const statement = JSON.parse(
      readFileSync(join(work.path, 'shown-evidence', record?.path ?? ''), 'utf8'),
    ) as { predicate: unknown };
    expect(statement.predicate).toMatchObject({
      version: '2.0.0',
      environment: 'dev',
      commit: sha,
      images: [{ reference, digest: image.index.digest }],
    });
  });

  it('moves a tag only when it is declared moving, and records the move with where it pointed before', async () => {
    const client = new OciRegistryClient({
      registry: ci.host,
      insecure: true,
      credentials: testUser,
    });
    const first = buildTestImage('cli-move-first');
    const second = buildTestImage('cli-move-second');
    await pushTestImage(client, 'team/move', first, 'latest');
    await pushTestImage(client, 'team/move', second, null);
    const source = `${ci.host}/team/move@${second.index.digest}`;

    const refused = await slipway(['image', 'tag', source, '--tag', 'latest']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${ci.host}/team/move:latest points to ${first.index.digest}`);
    expect(await client.resolveDigest('team/move', 'latest')).toBe(first.index.digest);

    const moved = await slipway(['image', 'tag', source, '--moving', 'latest']);
    expect(moved.stderr).toBe('');
    expect(moved.stdout).toContain(`tagged latest (moved from ${first.index.digest})`);
    expect(await skopeoDigest(`${ci.host}/team/move:latest`, testUser)).toBe(second.index.digest);
    const tagged = await runBuiltCliAsync(
      [
        'ledger',
        'list',
        '--type',
        'image.tagged',
        '--subject',
        `artifact:${second.index.digest}`,
        '--json',
      ],
      {
        cwd: work.path,
        env,
      },
    );
    expect(JSON.parse(tagged.stdout)).toMatchObject({
      events: [
        {
          subject: `artifact:${second.index.digest}`,
          payload: {
            environment: null,
            destination: source,
            tags: [{ tag: 'latest', previous: first.index.digest }],
          },
        },
      ],
    });
  });

  it('refuses to move a tag to another digest, and refuses wrong credentials, changing nothing', async () => {
    const other = buildTestImage('cli-other');
    await pushTestImage(
      new OciRegistryClient({ registry: ci.host, insecure: true, credentials: testUser }),
      'team/api',
      other,
      null,
    );

    const moved = await slipway([
      'image',
      'tag',
      `${ci.host}/team/api@${other.index.digest}`,
      '--version',
      '1.2.0',
      '--tag',
      '{version}',
    ]);
    expect(moved.status).toBe(1);
    expect(moved.stderr).toContain(`${ci.host}/team/api:1.2.0 points to`);

    const denied = await slipway(
      [
        'image',
        'promote',
        `${ci.host}/team/api@${other.index.digest}`,
        `${prod.host}/prod/api`,
        '--tag',
        'other',
      ],
      { SLIPWAY_REGISTRY_PASSWORD: 'wrong' },
    );
    expect(denied.status).toBe(1);
    expect(denied.stderr).toContain('refused the credentials');
    const prodClient = new OciRegistryClient({
      registry: prod.host,
      insecure: true,
      credentials: testUser,
    });
    expect(await prodClient.resolveDigest('prod/api', 'other')).toBeNull();
  });

  it('attaches a signed provenance to the image digest and verifies it offline after reading it back', async () => {
    const image = buildTestImage('cli-attest');
    await pushTestImage(
      new OciRegistryClient({ registry: ci.host, insecure: true, credentials: testUser }),
      'team/api',
      image,
      null,
    );
    const repo = join(work.path, 'project');
    mkdirSync(repo);
    const git = (...args: string[]): void => {
      execFileSync(
        'git',
        [
          '-c',
          'user.name=CI',
          '-c',
          'user.email=ci@example.com',
          '-c',
          'commit.gpgsign=false',
          ...args,
        ],
        { cwd: repo, stdio: 'ignore' },
      );
    };
    git('init', '-q', '.');
    git('commit', '-q', '--allow-empty', '-m', 'feat: api');
    // The index manifest's bytes hash to the image digest: attest them like any built file.
    writeFileSync(join(repo, 'index.json'), image.index.bytes);
    const inRepo = (args: readonly string[], plainHttp = false): Promise<CliResult> =>
      runBuiltCliAsync(plainHttp ? [...args, '--plain-http'] : args, { cwd: repo, env });
    expect((await inRepo(['keys', 'generate', '--out', 'keys'])).status).toBe(0);
    const attested = await inRepo(['attest', 'index.json', '--key', 'keys/slipway.key']);
    expect(attested.stderr).toBe('');
    const reference = `${ci.host}/team/api@${image.index.digest}`;

    const attached = await inRepo(
      ['image', 'attach', reference, 'index.json.sigstore.json', '--json'],
      true,
    );
    expect(attached.stderr).toBe('');
    expect(JSON.parse(attached.stdout)).toMatchObject({
      attached: [{ via: 'tag', predicateType: 'https://slsa.dev/provenance/v1' }],
    });
    const tag = `sha256-${image.index.digest.slice(7)}.att`;
    expect(await skopeoDigest(`${ci.host}/team/api:${tag}`, testUser)).toMatch(/^sha256:/);

    const fetched = await inRepo(
      ['image', 'attestations', reference, '--out', 'fetched', '--json'],
      true,
    );
    expect(fetched.stderr).toBe('');
    const { attestations } = JSON.parse(fetched.stdout) as { attestations: { path: string }[] };
    expect(attestations).toHaveLength(1);
    const verified = await inRepo([
      'verify',
      image.index.digest,
      '--bundle',
      attestations[0]?.path ?? '',
      '--key',
      'keys/slipway.pub',
    ]);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain(`verified ${image.index.digest}`);
  });
});

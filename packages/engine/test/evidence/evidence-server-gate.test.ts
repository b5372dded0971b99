import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createGitRepo } from '@slipway/test-utils';
import {
  attestArtifacts,
  createEmbeddedControlPlane,
  evidenceKeysFromEnv,
  exportEvidenceBundle,
  readPrivateKey,
  sha256File,
  storedEvidenceActor,
  writeKeyPair,
} from '../../src/index.js';
import type { EmbeddedControlPlane } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { MigratedTestDatabase } from '../db/migrated-test-database.js';
import { afterThisTest, evidenceFixture, tempDirForTest } from './evidence-test-dirs.js';

const actor = { actor: 'ci@example.com' };
const fixture = evidenceFixture;
const tempDir = (): string => tempDirForTest('slipway-evidence-server-');

interface World {
  readonly controlPlane: EmbeddedControlPlane;
  readonly database: MigratedTestDatabase;
  readonly work: string;
  readonly keys: string;
  readonly otherKeys: string;
  /** Where `attest` wrote the wheel's attestations. */
  readonly attestations: string;
}

/**
 * A built and attested wheel of `demo` 1.2.0, released and running in staging, with a policy
 * that requires provenance and an SBOM in prod; the control plane trusts `keys` only.
 */
async function world(): Promise<World> {
  const repo = createGitRepo([
    {
      commit: 'feat: demo',
      files: { 'pyproject.toml': fixture('pyproject.toml'), 'uv.lock': fixture('uv.lock') },
    },
  ]);
  afterThisTest(() => repo.cleanup());
  const keys = tempDir();
  const otherKeys = tempDir();
  writeKeyPair(keys);
  writeKeyPair(otherKeys);
  const work = tempDir();
  mkdirSync(join(repo.dir, 'dist'));
  const wheel = join(repo.dir, 'dist', 'demo_app-1.2.0-py3-none-any.whl');
  writeFileSync(wheel, 'wheel bytes');
  await attestArtifacts({
    artifacts: [wheel],
    cwd: repo.dir,
    privateKey: readPrivateKey(join(keys, 'slipway.key')),
    env: {},
    toolVersion: '0.0.0',
  });
  const database = await openMigratedTestDatabase('sqlite');
  const controlPlane = createEmbeddedControlPlane({
    db: database.db,
    blobDir: join(work, 'blobs'),
    evidenceKeys: evidenceKeysFromEnv({ SLIPWAY_EVIDENCE_KEYS: join(keys, 'slipway.pub') }),
    imagePromotion: null,
  });
  await controlPlane.addService({ name: 'demo', lifecycle: ['staging', 'prod'] }, actor);
  const digest = `sha256:${await sha256File(wheel)}`;
  await controlPlane.registerArtifact(
    {
      digest,
      name: 'demo_app-1.2.0-py3-none-any.whl',
      kind: 'wheel',
      size: 11,
      service: 'demo',
      version: '1.2.0',
    },
    actor,
  );
  await controlPlane.createRelease(
    {
      service: 'demo',
      version: '1.2.0',
      commit: repo.git(['rev-parse', 'HEAD']),
      artifacts: [digest],
      rollForward: { reason: 'first release', steps: ['deploy a fix'] },
    },
    actor,
  );
  await controlPlane.deploy({ service: 'demo', environment: 'staging', ref: '1.2.0' }, actor);
  await controlPlane.setPolicy(
    {
      overrides: [
        {
          environment: 'prod',
          rules: { requiredChecks: ['provenance', 'sbom'], requiredApprovals: 0 },
        },
      ],
    },
    actor,
  );
  return {
    controlPlane,
    database,
    work,
    keys: join(keys, 'slipway.key'),
    otherKeys: join(otherKeys, 'slipway.key'),
    attestations: join(repo.dir, 'dist'),
  };
}

async function exported(w: World, key: string, name: string): Promise<Buffer> {
  const out = join(w.work, name);
  await exportEvidenceBundle({
    source: w.controlPlane,
    service: 'demo',
    version: '1.2.0',
    outDir: out,
    attestationsDir: w.attestations,
    privateKey: readPrivateKey(key),
  });
  return readFileSync(out);
}

describe('evidence stored on the server, verified on upload and again at promotion', () => {
  it('refuses prod without a stored bundle, stores a verified one, then promotes on its checks', async () => {
    const w = await world();
    await expect(
      w.controlPlane.promote({ service: 'demo', from: 'staging', to: 'prod' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('required check provenance is failed') as string,
    });
    const checks = await w.controlPlane.listCheckResults('demo', '1.2.0');
    expect(checks.map((c) => [c.name, c.status, c.recordedBy, c.details])).toEqual([
      [
        'provenance',
        'failed',
        storedEvidenceActor,
        'no evidence bundle is stored on the server for demo 1.2.0',
      ],
      [
        'sbom',
        'failed',
        storedEvidenceActor,
        'no evidence bundle is stored on the server for demo 1.2.0',
      ],
    ]);

    const bundle = await exported(w, w.keys, 'bundle.tar');
    const upload = await w.controlPlane.evidence.uploadEvidence('demo', '1.2.0', bundle, actor);
    expect(upload.checks.map((c) => [c.name, c.status])).toEqual([
      ['provenance', 'passed'],
      ['sbom', 'passed'],
    ]);
    expect(upload.evidence).toMatchObject({
      service: 'demo',
      version: '1.2.0',
      size: bundle.length,
    });
    expect(upload.evidence.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect((await w.controlPlane.evidence.downloadEvidence('demo', '1.2.0')).equals(bundle)).toBe(
      true,
    );
    // The same bundle again changes nothing.
    await w.controlPlane.evidence.uploadEvidence('demo', '1.2.0', bundle, actor);
    const stored = (await w.controlPlane.listEvents({ type: 'evidence.stored' })).events;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.payload).toMatchObject({ digest: upload.evidence.digest, previous: null });

    const deployment = await w.controlPlane.promote(
      { service: 'demo', from: 'staging', to: 'prod' },
      actor,
    );
    expect(deployment).toMatchObject({ environment: 'prod', status: 'succeeded' });
    const latest = (await w.controlPlane.listCheckResults('demo', '1.2.0')).slice(-2);
    expect(latest.map((c) => [c.name, c.status, c.recordedBy])).toEqual([
      ['provenance', 'passed', storedEvidenceActor],
      ['sbom', 'passed', storedEvidenceActor],
    ]);
  });

  it('refuses a bundle signed by an untrusted key, and a tampered one, each with its reason', async () => {
    const w = await world();
    const foreign = await exported(w, w.otherKeys, 'foreign.tar');
    await expect(
      w.controlPlane.evidence.uploadEvidence('demo', '1.2.0', foreign, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(
        /does not verify with the server's trusted keys: .*SIGNATURE/,
      ) as string,
    });
    const bundle = await exported(w, w.keys, 'bundle.tar');
    // One flipped byte inside an item's content (past the first tar header).
    const tampered = Buffer.from(bundle);
    const at = tampered.indexOf('"payload"');
    tampered[at + 20] = tampered[at + 20] === 0x41 ? 0x42 : 0x41;
    await expect(
      w.controlPlane.evidence.uploadEvidence('demo', '1.2.0', tampered, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('ITEM_DIGEST') as string,
    });
    await expect(w.controlPlane.evidence.getEvidence('demo', '1.2.0')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('re-verifies the stored bundle at promotion: bytes changed behind the server refuse prod', async () => {
    const w = await world();
    const bundle = await exported(w, w.keys, 'bundle.tar');
    await w.controlPlane.evidence.uploadEvidence('demo', '1.2.0', bundle, actor);
    const tampered = Buffer.from(bundle);
    const at = tampered.indexOf('"payload"');
    tampered[at + 20] = tampered[at + 20] === 0x41 ? 0x42 : 0x41;
    await sql`update evidence_bundles set content = ${tampered.toString('base64')}`.execute(
      w.database.db,
    );
    await expect(
      w.controlPlane.promote({ service: 'demo', from: 'staging', to: 'prod' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('required check provenance is failed') as string,
    });
    const provenance = (await w.controlPlane.listCheckResults('demo', '1.2.0')).at(-2);
    expect(provenance?.details).toContain('the stored bundle hashes to');
  });
});

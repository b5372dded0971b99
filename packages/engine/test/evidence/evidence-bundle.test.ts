import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Artifact, Deployment, EvidenceSource, ReleaseRecord } from '@slipway/engine';
import {
  attestArtifacts,
  exportEvidenceBundle,
  importEvidenceBundle,
  openEvidenceBundle,
  readTar,
  tarBundleDirectory,
  readPrivateKey,
  readPublicKey,
  sha256File,
  verifyEvidenceBundle,
  writeKeyPair,
} from '@slipway/engine';
import { checkResultsSchema, deploymentRecordSchema } from '@slipway/core';
import { createGitRepo } from '@slipway/test-utils';
import type { GitRepo } from '@slipway/test-utils';
import { expectValidAgainst } from '../../../core/test/evidence/validate-documents.js';
import { afterThisTest, evidenceFixture, tempDirForTest } from './evidence-test-dirs.js';

const fixture = evidenceFixture;
const tempDir = (): string => tempDirForTest('slipway-bundle-');

interface Setup {
  repo: GitRepo;
  source: EvidenceSource;
  keys: string;
  digest: string;
}

async function released(): Promise<Setup> {
  const repo = createGitRepo([
    {
      commit: 'feat: demo',
      files: { 'pyproject.toml': fixture('pyproject.toml'), 'uv.lock': fixture('uv.lock') },
    },
  ]);
  afterThisTest(() => repo.cleanup());
  mkdirSync(join(repo.dir, 'dist'));
  const wheel = join(repo.dir, 'dist', 'demo_app-1.2.0-py3-none-any.whl');
  writeFileSync(wheel, 'wheel bytes');
  const keys = tempDir();
  writeKeyPair(keys);
  await attestArtifacts({
    artifacts: [wheel],
    cwd: repo.dir,
    privateKey: readPrivateKey(join(keys, 'slipway.key')),
    env: {},
    toolVersion: '0.0.0',
  });
  const digest = `sha256:${await sha256File(wheel)}`;
  const artifact: Artifact = {
    digest,
    name: 'demo_app-1.2.0-py3-none-any.whl',
    kind: 'wheel',
    size: 11,
    version: '1.2.0',
    service: 'demo',
    sourceCommit: null,
    stored: true,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: 'ci',
  };
  const release = {
    id: 'r1',
    service: 'demo',
    version: '1.2.0',
    tag: 'v1.2.0',
    commit: repo.git(['rev-parse', 'HEAD']),
    notes: null,
    artifacts: [digest],
    components: [],
    rollForward: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: 'ci',
  } satisfies ReleaseRecord;
  const deployment = (environment: string, action: 'deploy' | 'promote', at: string): Deployment =>
    ({
      id: `d-${environment}`,
      service: 'demo',
      environment,
      releaseId: 'r1',
      version: '1.2.0',
      digests: [digest],
      action,
      sourceEnvironment: action === 'promote' ? 'staging' : null,
      strategy: 'all-at-once',
      deployer: 'record',
      status: 'succeeded',
      actor: 'ada',
      createdAt: at,
      updatedAt: at,
      finishedAt: at,
      logs: '',
      rollbackTarget:
        environment === 'prod'
          ? { deploymentId: 'd0', version: '1.1.0', digests: ['sha256:' + 'e'.repeat(64)] }
          : null,
      rollbackCommand: environment === 'prod' ? 'slipway rollback demo prod' : null,
      rollbackPlan: { steps: [] },
    }) as unknown as Deployment;
  const source: EvidenceSource = {
    getRelease: () => Promise.resolve(release),
    getArtifact: () => Promise.resolve(artifact),
    history: () =>
      Promise.resolve([
        deployment('prod', 'promote', '2024-01-03T00:00:00.000Z'),
        deployment('staging', 'deploy', '2024-01-02T00:00:00.000Z'),
      ]),
    listCheckResults: () =>
      Promise.resolve([
        {
          id: 'c2',
          releaseId: 'r1',
          service: 'demo',
          version: '1.2.0',
          name: 'tests',
          status: 'passed',
          url: null,
          details: '42 passed',
          recordedAt: '2024-01-01T02:00:00.000Z',
          recordedBy: 'ci',
        },
        {
          id: 'c1',
          releaseId: 'r1',
          service: 'demo',
          version: '1.2.0',
          name: 'tests',
          status: 'failed',
          url: null,
          details: null,
          recordedAt: '2024-01-01T01:00:00.000Z',
          recordedBy: 'ci',
        },
      ]),
  };
  return { repo, source, keys, digest };
}

async function exported(setup: Setup): Promise<string> {
  const out = join(tempDir(), 'bundle');
  await exportEvidenceBundle({
    source: setup.source,
    service: 'demo',
    version: '1.2.0',
    outDir: out,
    attestationsDir: join(setup.repo.dir, 'dist'),
    privateKey: readPrivateKey(join(setup.keys, 'slipway.key')),
  });
  return out;
}

describe('evidence bundle', () => {
  it('exports a content-addressed bundle that verifies in a fresh directory with only the public key', async () => {
    const setup = await released();
    const out = await exported(setup);
    const fresh = join(tempDir(), 'elsewhere');
    cpSync(out, fresh, { recursive: true });
    const verification = verifyEvidenceBundle(
      fresh,
      readPublicKey(join(setup.keys, 'slipway.pub')),
    );
    expect(verification.failures).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.manifest?.items.map((i) => [i.kind, i.environment])).toEqual([
      ['sigstore-bundle', null],
      ['intoto-jsonl', null],
      ['deployment-record', 'staging'],
      ['deployment-record', 'prod'],
      ['check-results', null],
    ]);
    expect(readdirSync(join(fresh, 'blobs', 'sha256'))).toHaveLength(5);
    const byKind = (kind: string): string =>
      readFileSync(
        join(fresh, verification.manifest?.items.find((i) => i.kind === kind)?.path ?? ''),
        'utf8',
      );
    const predicateOf = (line: string): unknown =>
      (
        JSON.parse(
          Buffer.from((JSON.parse(line) as { payload: string }).payload, 'base64').toString(),
        ) as { predicate: unknown }
      ).predicate;
    expectValidAgainst(checkResultsSchema, predicateOf(byKind('check-results')));
    expectValidAgainst(deploymentRecordSchema, predicateOf(byKind('deployment-record')));
  });

  it('packs a bundle directory into the tar an export writes: items, reports, manifest last', async () => {
    const setup = await released();
    const out = await exported(setup);
    const tar = join(tempDir(), 'packed.tar');
    writeFileSync(tar, tarBundleDirectory(out));
    const names = readTar(readFileSync(tar), tar).map((entry) => entry.name);
    expect(names.slice(-3)).toEqual(['report.md', 'report.html', 'manifest.json']);
    expect(names.filter((name) => name.startsWith('blobs/sha256/')).sort()).toEqual(
      readdirSync(join(out, 'blobs', 'sha256'))
        .map((hex) => `blobs/sha256/${hex}`)
        .sort(),
    );
    const opened = openEvidenceBundle(tar);
    try {
      const verification = verifyEvidenceBundle(
        opened.dir,
        readPublicKey(join(setup.keys, 'slipway.pub')),
      );
      expect(verification.failures).toEqual([]);
      expect(verification.ok).toBe(true);
    } finally {
      opened.close();
    }
    expect(() => tarBundleDirectory(setup.repo.dir)).toThrow(/holds no manifest\.json/);
  });

  it('reports every checklist item per environment, in Markdown and escaped HTML', async () => {
    const setup = await released();
    const out = await exported(setup);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('# Release evidence: demo 1.2.0');
    expect(markdown).toContain(
      `| demo_app-1.2.0-py3-none-any.whl | \`${setup.digest}\` | 5 | https://slipway.dev/builders/local/v1 |`,
    );
    expect(markdown).toMatch(
      /\| prod \| promote \| ada \| 2024-01-03T00:00:00.000Z \| .* \| succeeded \| 1.1.0 \(sha256:e+\) \| `slipway rollback demo prod` \|/,
    );
    expect(markdown).toContain('| staging | deploy | ada |');
    expect(markdown).toContain('- Check tests: passed (ci, 2024-01-01T02:00:00.000Z): 42 passed');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h1>Release evidence: demo 1.2.0</h1>');
    expect(html).not.toContain('<script');
  });

  it('fails with its own reason for a changed item, another key and a missing provenance', async () => {
    const setup = await released();
    const out = await exported(setup);
    const publicKey = readPublicKey(join(setup.keys, 'slipway.pub'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      items: { path: string; kind: string }[];
    };
    const record = manifest.items.find((i) => i.kind === 'deployment-record')?.path ?? '';
    writeFileSync(join(out, record), `${readFileSync(join(out, record), 'utf8')} `);
    expect(verifyEvidenceBundle(out, publicKey).failures.map((f) => f.code)).toEqual([
      'ITEM_DIGEST',
    ]);

    const otherKeys = tempDir();
    writeKeyPair(otherKeys);
    const clean = await exported(setup);
    const codes = verifyEvidenceBundle(
      clean,
      readPublicKey(join(otherKeys, 'slipway.pub')),
    ).failures.map((f) => f.code);
    expect(new Set(codes)).toEqual(new Set(['SIGNATURE', 'PROVENANCE_MISSING']));

    const trimmed = JSON.parse(readFileSync(join(clean, 'manifest.json'), 'utf8')) as {
      items: { kind: string }[];
    };
    trimmed.items = trimmed.items.filter((i) => i.kind === 'deployment-record');
    writeFileSync(join(clean, 'manifest.json'), JSON.stringify(trimmed));
    expect(verifyEvidenceBundle(clean, publicKey).failures.map((f) => f.code)).toEqual([
      'PROVENANCE_MISSING',
    ]);
  });

  it('imports only a verified bundle, once, and refuses a different one for the same release', async () => {
    const setup = await released();
    const out = await exported(setup);
    const store = tempDir();
    const publicKey = readPublicKey(join(setup.keys, 'slipway.pub'));
    writeFileSync(join(out, 'stowaway.sh'), 'not in the manifest');
    const first = importEvidenceBundle(out, store, publicKey);
    expect(first.storedAt).toBe(join(store, 'demo', '1.2.0'));
    expect(readdirSync(join(store, 'demo', '1.2.0')).sort()).toEqual([
      'blobs',
      'manifest.json',
      'report.html',
      'report.md',
    ]);
    expect(importEvidenceBundle(out, store, publicKey).storedAt).toBe(first.storedAt);

    const other = await exported(setup);
    expect(() => importEvidenceBundle(other, store, publicKey)).toThrow(
      /holds another evidence bundle/,
    );

    const otherKeys = tempDir();
    writeKeyPair(otherKeys);
    const refused = importEvidenceBundle(
      out,
      tempDir(),
      readPublicKey(join(otherKeys, 'slipway.pub')),
    );
    expect(refused.storedAt).toBeNull();
    expect(refused.verification.ok).toBe(false);
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, makeTempDir } from '@slipway/test-utils';
import type { GitRepo, TempDir } from '@slipway/test-utils';
import {
  HttpControlPlane,
  attestArtifacts,
  exportEvidenceBundle,
  readPrivateKey,
  sha256File,
  writeKeyPair,
} from '@slipway/engine';
import type { RunningServer } from '@slipway/server';
import { startServer } from '@slipway/server';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../engine/test/evidence/fixtures/${name}`, import.meta.url), 'utf8');

const adminToken = 'slw_evidence_routes_admin_token_0123456789';

describe('evidence and image routes over real HTTP (HttpControlPlane → slipway serve)', () => {
  let dir: TempDir;
  let repo: GitRepo;
  let server: RunningServer;
  let remote: HttpControlPlane;

  beforeAll(async () => {
    dir = makeTempDir('slipway-evidence-routes-');
    writeKeyPair(join(dir.path, 'keys'));
    // The server reads its trusted keys from its environment, as `slipway serve` does.
    server = await startServer({
      port: 0,
      dataDir: join(dir.path, 'data'),
      env: {
        SLIPWAY_ADMIN_TOKEN: adminToken,
        SLIPWAY_EVIDENCE_KEYS: join(dir.path, 'keys', 'slipway.pub'),
      },
    });
    remote = new HttpControlPlane({ url: server.url, token: adminToken });
    repo = createGitRepo([
      {
        commit: 'feat: demo',
        files: { 'pyproject.toml': fixture('pyproject.toml'), 'uv.lock': fixture('uv.lock') },
      },
    ]);
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
    dir.cleanup();
  });

  it('uploads a signed bundle, answers its checks, serves it back byte for byte, and refuses a tampered one', async () => {
    const actor = { actor: 'ignored: the server records the token' };
    mkdirSync(join(repo.dir, 'dist'), { recursive: true });
    const wheel = join(repo.dir, 'dist', 'demo_app-1.2.0-py3-none-any.whl');
    writeFileSync(wheel, 'wheel bytes');
    const key = readPrivateKey(join(dir.path, 'keys', 'slipway.key'));
    await attestArtifacts({
      artifacts: [wheel],
      cwd: repo.dir,
      privateKey: key,
      env: {},
      toolVersion: '0.0.0',
    });
    const digest = `sha256:${await sha256File(wheel)}`;
    await remote.addService({ name: 'demo' }, actor);
    await remote.registerArtifact(
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
    await remote.createRelease({ service: 'demo', version: '1.2.0', artifacts: [digest] }, actor);
    const out = join(dir.path, 'bundle.tar');
    await exportEvidenceBundle({
      source: remote,
      service: 'demo',
      version: '1.2.0',
      outDir: out,
      attestationsDir: join(repo.dir, 'dist'),
      privateKey: key,
    });
    const bundle = readFileSync(out);

    const upload = await remote.evidence.uploadEvidence('demo', '1.2.0', bundle, actor);
    expect(upload.checks.map((c) => `${c.name} ${c.status}`)).toEqual([
      'provenance passed',
      'sbom passed',
    ]);
    expect(upload.evidence).toMatchObject({
      service: 'demo',
      version: '1.2.0',
      size: bundle.length,
    });
    expect(await remote.evidence.getEvidence('demo', '1.2.0')).toEqual(upload.evidence);
    expect((await remote.evidence.downloadEvidence('demo', '1.2.0')).equals(bundle)).toBe(true);

    const tampered = Buffer.from(bundle);
    const at = tampered.indexOf('"payload"');
    tampered[at + 20] = tampered[at + 20] === 0x41 ? 0x42 : 0x41;
    await expect(
      remote.evidence.uploadEvidence('demo', '1.2.0', tampered, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('ITEM_DIGEST') as string,
    });
    await expect(remote.evidence.getEvidence('demo', '9.9.9')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('records image events with the token as actor, and refuses an event that is not one', async () => {
    const subject = `artifact:sha256:${'c'.repeat(64)}`;
    const event = await remote.images.recordImageEvent(
      {
        type: 'image.promoted',
        subject,
        payload: { environment: 'prod', tags: [{ tag: 'prod', previous: null }] },
      },
      { actor: 'ignored' },
    );
    expect(event).toMatchObject({
      type: 'image.promoted',
      subject,
      payload: { environment: 'prod' },
    });
    expect(event.actor).not.toBe('ignored');
    const response = await fetch(`${server.url}/api/images/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'image.deleted', subject, payload: {} }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('type');
  });
});

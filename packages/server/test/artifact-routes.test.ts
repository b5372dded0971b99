import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

const maxUploadBytes = 1024;

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Every file under the blob directory, temp files included. */
function blobFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    statSync(join(dir, name)).isFile(),
  );
}

describe.each(testDialects())('artifact and release routes on %s', (dialect) => {
  let fixture: ServerFixture;

  beforeAll(async () => {
    fixture = await serverFixture(dialect, { maxUploadBytes });
    await fixture.controlPlane.addService({ name: 'api' }, { actor: 'test' });
  });

  async function register(bytes: Buffer, name: string, size = bytes.length): Promise<string> {
    const digest = digestOf(bytes);
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/artifacts',
      headers: bearer(fixture.releaser),
      payload: { digest, name, kind: 'file', size, service: 'api', version: '1.0.0' },
    });
    expect(response.statusCode).toBe(201);
    return digest;
  }

  it('registers an artifact, uploads its bytes streamed and lists it', async () => {
    const { app, releaser, viewer, blobDir } = fixture;
    const bytes = Buffer.from('the wheel');
    const digest = await register(bytes, 'api-1.0.0.whl');
    const upload = await app.inject({
      method: 'PUT',
      url: `/api/artifacts/${digest}/content`,
      headers: { ...bearer(releaser), 'content-type': 'application/octet-stream' },
      payload: Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]),
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.json()).toMatchObject({ digest, stored: true, size: bytes.length });
    expect(blobFiles(blobDir)).toHaveLength(1);
    const listed = await app.inject({
      method: 'GET',
      url: '/api/artifacts?service=api&version=1.0.0',
      headers: bearer(viewer),
    });
    expect(listed.json().map((artifact: { digest: string }) => artifact.digest)).toContain(digest);
    const one = await app.inject({
      method: 'GET',
      url: `/api/artifacts/${encodeURIComponent(digest)}`,
      headers: bearer(viewer),
    });
    expect(one.json()).toMatchObject({ digest, name: 'api-1.0.0.whl', stored: true });
  });

  it('refuses bytes that do not hash to the digest with 422, storing nothing', async () => {
    const { app, releaser, blobDir } = fixture;
    const digest = await register(Buffer.from('promised'), 'promised.tar.gz');
    const before = blobFiles(blobDir);
    const upload = await app.inject({
      method: 'PUT',
      url: `/api/artifacts/${digest}/content`,
      headers: { ...bearer(releaser), 'content-type': 'application/octet-stream' },
      payload: Buffer.from('imposter'),
    });
    expect(upload.statusCode).toBe(422);
    expect(upload.json().error.code).toBe('DIGEST_MISMATCH');
    expect(blobFiles(blobDir)).toEqual(before);
    const artifact = await fixture.controlPlane.getArtifact(digest);
    expect(artifact.stored).toBe(false);
  });

  it('answers 413 for an upload over the limit, declared or streamed, storing nothing', async () => {
    const { app, releaser, blobDir } = fixture;
    const big = Buffer.alloc(maxUploadBytes + 1, 7);
    const digest = await register(big, 'big.bin');
    const before = blobFiles(blobDir);
    const declared = await app.inject({
      method: 'PUT',
      url: `/api/artifacts/${digest}/content`,
      headers: { ...bearer(releaser), 'content-type': 'application/octet-stream' },
      payload: big,
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error).toEqual({
      code: 'TOO_LARGE',
      message: `the upload is larger than the limit of ${maxUploadBytes} bytes`,
    });
    // No Content-Length: the limit is enforced while the bytes stream in.
    const streamed = await app.inject({
      method: 'PUT',
      url: `/api/artifacts/${digest}/content`,
      headers: { ...bearer(releaser), 'content-type': 'application/octet-stream' },
      payload: Readable.from([big.subarray(0, 600), big.subarray(600)]),
    });
    expect(streamed.headers['content-length']).not.toBe(String(big.length));
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().error.code).toBe('TOO_LARGE');
    expect(blobFiles(blobDir)).toEqual(before);
    expect((await fixture.controlPlane.getArtifact(digest)).stored).toBe(false);
  });

  it('refuses an upload that is not application/octet-stream, and a malformed digest', async () => {
    const { app, releaser } = fixture;
    const digest = await register(Buffer.from('json?'), 'json.txt');
    const asJson = await app.inject({
      method: 'PUT',
      url: `/api/artifacts/${digest}/content`,
      headers: bearer(releaser),
      payload: { bytes: 'json?' },
    });
    expect(asJson.statusCode).toBe(400);
    expect(asJson.json().error.message).toBe(
      'body: send the bytes as Content-Type: application/octet-stream',
    );
    const badDigest = await app.inject({
      method: 'GET',
      url: '/api/artifacts/md5:abc',
      headers: bearer(fixture.viewer),
    });
    expect(badDigest.statusCode).toBe(400);
    expect(badDigest.json().error.message).toMatch(/^path\.digest: must be sha256:/);
  });

  it('records a release with its artifacts and reads it back', async () => {
    const { app, releaser, viewer } = fixture;
    const digest = await register(Buffer.from('release me'), 'api-2.0.0.whl');
    const created = await app.inject({
      method: 'POST',
      url: '/api/releases',
      headers: bearer(releaser),
      payload: {
        service: 'api',
        version: '2.0.0',
        tag: 'v2.0.0',
        artifacts: [digest],
        components: [
          { name: 'schema', kind: 'migration', rollback: 'reversible', down: 'down.sql' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ service: 'api', version: '2.0.0', artifacts: [digest] });
    const one = await app.inject({
      method: 'GET',
      url: '/api/services/api/releases/2.0.0',
      headers: bearer(viewer),
    });
    expect(one.json()).toEqual(created.json());
    const list = await app.inject({
      method: 'GET',
      url: '/api/services/api/releases',
      headers: bearer(viewer),
    });
    expect(list.json().map((release: { version: string }) => release.version)).toEqual(['2.0.0']);
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/releases',
      headers: bearer(releaser),
      payload: {
        service: 'api',
        version: '2.0.1',
        components: [{ name: 'schema', kind: 'migration', rollback: 'reversible' }],
      },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toBe(
      'body.components.0.down: a reversible component needs a down step',
    );
  });
});

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isSlipwayError } from '@slipway/core';
import { makeTempDir } from '@slipway/test-utils';
import { startServer } from '@slipway/server';
import { HttpControlPlane } from '../../src/index.js';

const adminSecret = 'slw_http-control-plane-upload-test-secret';
const as = { actor: 'test' };
const limit = 64 * 1024;

function chunksOf(bytes: Buffer, size: number): Buffer[] {
  return Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) =>
    bytes.subarray(index * size, (index + 1) * size),
  );
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isSlipwayError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('HttpControlPlane uploads over real HTTP', () => {
  it('gets the refusal of an upload the server stops reading, and can go on', async () => {
    const dir = makeTempDir('slipway-upload-');
    const server = await startServer({
      port: 0,
      dataDir: dir.path,
      env: { SLIPWAY_ADMIN_TOKEN: adminSecret },
      maxUploadBytes: limit,
    });
    try {
      const client = new HttpControlPlane({ url: server.url, token: adminSecret });
      await client.addService({ name: 'api' }, as);
      const big = Buffer.alloc(1024 * 1024, 1);
      const bigDigest = `sha256:${createHash('sha256').update(big).digest('hex')}`;
      await client.registerArtifact(
        { digest: bigDigest, name: 'big', kind: 'file', size: big.length },
        as,
      );
      // Refused before a byte is read, while the client is still sending a megabyte.
      const tooLarge = await codeOf(
        client.uploadArtifact(bigDigest, Readable.from(chunksOf(big, 16_384)), as),
      );
      expect(tooLarge.code).toBe('TOO_LARGE');
      expect(tooLarge.message).toMatch(/upload limit of 65536/);
      expect((await client.getArtifact(bigDigest)).stored).toBe(false);
      // Bytes that do not hash to the digest: read to the end, then refused, nothing stored.
      const wanted = Buffer.alloc(limit, 2);
      const digest = `sha256:${createHash('sha256').update(wanted).digest('hex')}`;
      await client.registerArtifact({ digest, name: 'wanted', kind: 'file', size: limit }, as);
      const wrong = Buffer.alloc(limit, 3);
      const mismatch = await codeOf(
        client.uploadArtifact(digest, Readable.from(chunksOf(wrong, 8_192)), as),
      );
      expect(mismatch.code).toBe('DIGEST_MISMATCH');
      expect((await client.getArtifact(digest)).stored).toBe(false);
      // Refused before the body is looked at: a viewer may not upload.
      const { secret } = await client.createToken({ role: 'viewer' }, as);
      const viewer = new HttpControlPlane({ url: server.url, token: secret });
      const forbidden = await codeOf(
        viewer.uploadArtifact(digest, Readable.from(chunksOf(big, 16_384)), as),
      );
      expect(forbidden).toEqual({
        code: 'FORBIDDEN',
        message: 'role developer needed for artifacts.register (this token has role viewer)',
      });
      // The right bytes after every refusal.
      const stored = await client.uploadArtifact(
        digest,
        Readable.from(chunksOf(wanted, 8_192)),
        as,
      );
      expect(stored.stored).toBe(true);
    } finally {
      await server.close();
      dir.cleanup();
    }
  });
});

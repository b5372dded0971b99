import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import type { TempDir } from '@slipway/test-utils';
import { HttpControlPlane, encodeMultipart } from '@slipway/engine';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import { wheelBytes } from '../../../engine/test/python/python-archives.js';

const wheelName = 'sample-1.0.0-py3-none-any.whl';

/** The upload endpoint's HTTP answers, as twine and other clients see them. */
describe('POST /legacy/', () => {
  let dir: TempDir;
  let server: RunningServer;
  let admin: string;

  beforeAll(async () => {
    dir = makeTempDir('slipway-legacy-');
    server = await startServer({
      port: 0,
      dataDir: join(dir.path, 'data'),
      env: { PATH: process.env['PATH'] ?? '' },
      maxUploadBytes: 256 * 1024,
    });
    admin = server.bootstrapToken ?? '';
  });

  afterAll(async () => {
    await server.close();
    dir.cleanup();
  });

  function post(
    content: Buffer,
    options: { filename?: string; fields?: Record<string, string>; auth?: string | null } = {},
  ): Promise<Response> {
    const fields: Record<string, string> = {
      ':action': 'file_upload',
      protocol_version: '1',
      name: 'sample',
      version: '1.0.0',
      filetype: 'bdist_wheel',
      sha256_digest: createHash('sha256').update(content).digest('hex'),
      ...options.fields,
    };
    const { body, contentType } = encodeMultipart(Object.entries(fields), {
      name: 'content',
      filename: options.filename ?? wheelName,
      data: content,
    });
    const auth =
      options.auth === undefined
        ? `Basic ${Buffer.from(`__token__:${admin}`).toString('base64')}`
        : options.auth;
    return fetch(`${server.url}/legacy/`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(auth === null ? {} : { authorization: auth }) },
      body,
    });
  }

  it('refuses bad uploads with 400, 401 or 403 and stores nothing', async () => {
    const wheel = wheelBytes('sample', '1.0.0');
    const viewer = await new HttpControlPlane({ url: server.url, token: admin }).createToken(
      { role: 'viewer' },
      { actor: 'test' },
    );
    const basic = (secret: string): string =>
      `Basic ${Buffer.from(`__token__:${secret}`).toString('base64')}`;
    const cases: [Promise<Response>, number, RegExp][] = [
      [
        post(wheel, { fields: { sha256_digest: 'f'.repeat(64) } }),
        400,
        /does not match the content/,
      ],
      [
        post(wheel, { filename: 'other-1.0.0-py3-none-any.whl', fields: { name: 'other' } }),
        400,
        /Name sample/,
      ],
      [
        post(wheel, { filename: '..%2Fsample-1.0.0-py3-none-any.whl' }),
        400,
        /invalid distribution file name/,
      ],
      [
        post(wheel, { filename: 'sample-1.0.0-py3-none-any.whl;rm' }),
        400,
        /invalid distribution file name/,
      ],
      [post(Buffer.from('PK but not a zip')), 400, /not a valid zip archive/],
      [post(Buffer.alloc(300 * 1024, 1)), 400, /too large|larger than/i],
      [post(wheel, { auth: null }), 401, /no credentials/],
      [post(wheel, { auth: basic('slw_wrong') }), 401, /unknown or revoked/],
      [
        post(wheel, { auth: `Basic ${Buffer.from(`someone:${admin}`).toString('base64')}` }),
        401,
        /__token__/,
      ],
      [post(wheel, { auth: basic(viewer.secret) }), 403, /developer|role/],
    ];
    for (const [pending, status, message] of cases) {
      const response = await pending;
      const text = await response.text();
      expect(response.status, text).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(text).toMatch(message);
    }
    const simple = await fetch(`${server.url}/simple/`, {
      headers: { accept: 'application/vnd.pypi.simple.v1+json' },
    });
    expect(await simple.json()).toEqual({ meta: { 'api-version': '1.1' }, projects: [] });
    // The blob store's directory is made by the first kept blob.
    expect(existsSync(join(dir.path, 'data', 'blobs'))).toBe(false);
  });

  it('takes a good upload once; the second is a 400 "File already exists"', async () => {
    const wheel = wheelBytes('sample', '1.0.0');
    const first = await post(wheel);
    expect(first.status, await first.text()).toBe(200);
    const second = await post(wheel);
    expect(second.status).toBe(400);
    expect(second.statusText).toBe(`File already exists: ${wheelName}`);
    const page = await fetch(`${server.url}/simple/sample/`);
    const html = await page.text();
    const hex = createHash('sha256').update(wheel).digest('hex');
    expect(html).toContain(`#sha256=${hex}`);
    const download = await fetch(`${server.url}/files/${hex}/${wheelName}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(wheel)).toBe(true);
    const metadata = await fetch(`${server.url}/files/${hex}/${wheelName}.metadata`);
    expect(await metadata.text()).toContain('Name: sample');
    expect((await fetch(`${server.url}/files/${'0'.repeat(64)}/${wheelName}`)).status).toBe(404);
    const unacceptable = await fetch(`${server.url}/simple/sample/`, {
      headers: { accept: 'application/json' },
    });
    expect(unacceptable.status).toBe(406);
    expect(unacceptable.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

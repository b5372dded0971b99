import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import { registerWebAssets } from '../src/web-assets.js';

async function builtDashboard(): Promise<string> {
  const root = makeTempDir('slipway-web-').path;
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-abc123.css'), 'body{}');
  return root;
}

describe('web assets', () => {
  it('serves index.html uncached at / and hashed assets for good, with their types', async () => {
    const app = Fastify();
    registerWebAssets(app, await builtDashboard());
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<div id="root">');
    const script = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toBe('console.log(1)');
    const style = await app.inject({ method: 'GET', url: '/assets/index-abc123.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for unknown assets, unknown types and paths out of the folder', async () => {
    const app = Fastify();
    registerWebAssets(app, await builtDashboard());
    for (const url of [
      '/assets/missing.js',
      '/assets/index-abc123.exe',
      '/assets/..%2Findex.html',
    ]) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json(), url).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('explains how to build the dashboard when it was not built', async () => {
    const app = Fastify();
    registerWebAssets(app, null);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build');
  });
});

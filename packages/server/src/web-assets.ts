import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SlipwayError } from '@slipway/core';
import { errorBody } from './error-status.js';

/**
 * The dashboard (packages/web) as built by Vite: index.html at `/`, hashed bundles under
 * `/assets/`. The API stays under `/api`; the dashboard addresses its pages with the URL fragment,
 * so no other path needs to fall back to index.html.
 */

const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Only the bundle's own scripts and styles, and the API of the same origin. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Vite names assets by content hash: a name never changes meaning, so caches keep it for good. */
const immutable = 'public, max-age=31536000, immutable';
const assetName = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * The built dashboard of the `@slipway/web` workspace (`packages/web/dist`), found from this
 * module both as source and inside the CLI bundle; null when it was not built.
 */
export function defaultWebRoot(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve('@slipway/web/package.json');
    const root = join(dirname(manifest), 'dist');
    return existsSync(join(root, 'index.html')) ? root : null;
  } catch {
    return null;
  }
}

export function registerWebAssets(app: FastifyInstance, root: string | null): void {
  app.get('/', async (_request, reply) => {
    const html = root === null ? null : await readFile(join(root, 'index.html')).catch(() => null);
    securityHeaders(reply).header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').send(html ?? notBuiltPage);
  });
  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const { file } = request.params;
    const type = contentTypes[extname(file)];
    const bytes =
      root === null || type === undefined || !assetName.test(file)
        ? null
        : await readFile(join(root, 'assets', file)).catch(() => null);
    if (bytes === null) {
      const error = new SlipwayError('NOT_FOUND', `no dashboard asset named ${file}`);
      return reply.status(404).send(errorBody(error));
    }
    securityHeaders(reply).header('cache-control', immutable);
    return reply.type(type ?? 'application/octet-stream').send(bytes);
  });
}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Slipway</title></head>
<body><main><h1>Slipway</h1>
<p>The API is up under <a href="/api/openapi.json">/api</a>, but the dashboard was not built.
Run <code>npm run build</code> (it builds <code>packages/web</code>) and restart <code>slipway serve</code>.</p>
</main></body></html>
`;

import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SlipwayError } from '@slipway/core';
import type {
  ControlPlane,
  OpenDatabase,
  PackageIndexService,
  TokenService,
} from '@slipway/engine';
import { createIdempotencyService } from '@slipway/engine';
import type { FlagService } from '@slipway/engine';
import { registerApiRoute } from './api-route.js';
import type { ApiRoute } from './api-route.js';
import { errorBody, installErrorHandling } from './error-status.js';
import { openApiDocument } from './openapi-document.js';
import { artifactRoutes } from './routes/artifact-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { deploymentRoutes } from './routes/deployment-routes.js';
import { ledgerRoutes } from './routes/ledger-routes.js';
import { registerPackageIndexRoutes } from './routes/package-index-routes.js';
import { packageIndexApiRoutes } from './routes/package-index-api-routes.js';
import { releaseRoutes } from './routes/release-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { policyRoutes } from './routes/policy-routes.js';
import { approvalRoutes } from './routes/approval-routes.js';
import { flagRoutes } from './routes/flag-routes.js';
import { imageRoutes } from './routes/image-routes.js';
import { evidenceRoutes } from './routes/evidence-routes.js';
import { rolloutRoutes } from './routes/rollout-routes.js';
import { registerOfrepRoutes } from './routes/ofrep-routes.js';
import { registerWhoamiRoute, whoamiDoc } from './routes/whoami-routes.js';
import { acceptStreamedBodies, defaultMaxUploadBytes } from './upload-body.js';
import { defaultWebRoot, registerWebAssets } from './web-assets.js';

export interface ServerDependencies {
  /** For readiness and idempotency keys; the control plane's own database. */
  readonly db: OpenDatabase['db'];
  /** Every operation the API exposes. */
  readonly controlPlane: ControlPlane;
  /** Authenticates bearer tokens. */
  readonly tokens: TokenService;
  /** Serves OFREP and the flagd flag-sync file when given (the embedded control plane's). */
  readonly flags?: FlagService;
  /** The built dashboard served at `/` (default: packages/web/dist when built; null: none). */
  readonly webRoot?: string | null;
  /** Reported in the OpenAPI document. */
  readonly version?: string;
  /** Fastify's request log (off by default: tests and the CLI print their own lines). */
  readonly logger?: boolean;
  /** Bound of one artifact upload (default 512 MiB); a larger one is answered 413. */
  readonly maxUploadBytes?: number;
  /** The Python package index (`/simple/`, `/envs/<env>/simple/`, `/legacy/`, `/files/`). */
  readonly packageIndex?: PackageIndexService;
}

/** Every route of the API, in the order the OpenAPI document lists them. */
export function apiRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    ...catalogRoutes(controlPlane),
    ...artifactRoutes(controlPlane),
    ...releaseRoutes(controlPlane),
    ...deploymentRoutes(controlPlane),
    ...ledgerRoutes(controlPlane),
    ...tokenRoutes(controlPlane),
    ...policyRoutes(controlPlane),
    ...approvalRoutes(controlPlane),
    ...packageIndexApiRoutes(controlPlane),
    ...flagRoutes(controlPlane),
    ...imageRoutes(controlPlane),
    ...evidenceRoutes(controlPlane),
    ...rolloutRoutes(controlPlane),
  ];
}

/** The HTTP control plane over ready services; the caller owns (and closes) the database. */
export function createServer(deps: ServerDependencies): FastifyInstance {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 });
  installErrorHandling(app);
  closeConnectionsWhenClosing(app);
  acceptStreamedBodies(app);
  const routes = apiRoutes(deps.controlPlane);
  const services = {
    tokens: deps.tokens,
    idempotency: createIdempotencyService(deps.db),
    maxUploadBytes: deps.maxUploadBytes ?? defaultMaxUploadBytes,
  };
  for (const route of routes) registerApiRoute(app, route, services);
  registerWhoamiRoute(app, deps.tokens);
  if (deps.flags !== undefined) {
    registerOfrepRoutes(app, { flags: deps.flags, tokens: deps.tokens });
  }
  const document = openApiDocument(routes, deps.version ?? '0.0.0', [whoamiDoc]);

  // Unauthenticated on purpose: probes and API clients need them before they have a token.
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await deps.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      return { status: 'ready' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return reply
        .status(503)
        .send(errorBody(new SlipwayError('DATABASE', `the database does not answer: ${reason}`)));
    }
  });
  app.get('/api/openapi.json', () => document);
  if (deps.packageIndex !== undefined) {
    registerPackageIndexRoutes(app, { packageIndex: deps.packageIndex, tokens: deps.tokens });
  }
  registerWebAssets(app, deps.webRoot === undefined ? defaultWebRoot() : deps.webRoot);
  return app;
}

/**
 * Close waits for in-flight requests, but a keep-alive connection that was busy when close began
 * would stay open (and keep close waiting) long after its answer; `connection: close` on answers
 * sent while closing ends each such connection as soon as its last request is done.
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EvaluationContext } from '@slipway/core';
import { canPerform } from '@slipway/core';
import type { FlagScope, FlagService, TokenService } from '@slipway/engine';
import { flagClientKeyPrefix } from '@slipway/engine';
import { ofrepEvaluationRequest } from '../schemas/ofrep-schemas.js';
import { bulkEtag, etagMatches, evaluateBulk, evaluateOne } from './ofrep-evaluation.js';
import { OfrepEventStreams, eventStreamEntry } from './ofrep-events.js';

export interface OfrepDependencies {
  readonly flags: FlagService;
  readonly tokens: TokenService;
}

/** An answer outside the evaluation shapes: 401, 403, or a whole-request 400. */
class OfrepHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorCode?: 'INVALID_CONTEXT',
  ) {
    super(message);
  }
}

type ScopeParams = { service?: string; env?: string };
type KeyParams = ScopeParams & { key?: string };

const scoped = '/flags/:service/:env';
const evaluatePath = '/ofrep/v1/evaluate/flags';

/**
 * OFREP (OpenFeature Remote Evaluation Protocol) and the flagd flag-sync file. Each service and
 * environment has the base URL `/flags/<service>/<env>` (client key of that environment, or a
 * Slipway token with `flags.read` there); `/ofrep/v1/…` takes a client key, which names both.
 * Answers use OFREP's shapes, not the API's `{ error }`, so any OpenFeature provider reads them.
 */
export function registerOfrepRoutes(app: FastifyInstance, deps: OfrepDependencies): void {
  const errorHandler = (
    error: FastifyError | Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => ofrepError(error, request, reply);
  const streams = new OfrepEventStreams(deps.flags);
  app.addHook('preClose', async () => streams.closeAll());
  for (const prefix of [scoped, '']) {
    app.get(`${prefix}/ofrep/v1/events`, { errorHandler }, async (request, reply) => {
      const scope = await authorizeOfrep(request, deps, urlScope(request.params as ScopeParams));
      await streams.open(request, reply, scope);
      return reply;
    });
    app.post(`${prefix}${evaluatePath}/:key`, { errorHandler }, async (request, reply) => {
      const params = request.params as KeyParams;
      const key = params.key ?? '';
      const scope = await authorizeOfrep(request, deps, urlScope(params));
      const context = contextOf(request.body, key);
      const snapshot = await deps.flags.snapshot(scope);
      const answer = evaluateOne(snapshot.flagSet, key, context);
      return reply.status(answer.status).send(answer.body);
    });
    app.post(`${prefix}${evaluatePath}`, { errorHandler }, async (request, reply) => {
      const params = request.params as ScopeParams;
      const scope = await authorizeOfrep(request, deps, urlScope(params));
      const context = contextOf(request.body, undefined);
      const snapshot = await deps.flags.snapshot(scope);
      const etag = bulkEtag(snapshot.etag, context);
      void reply.header('etag', etag).header('cache-control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
      const metadata = snapshot.flagSet.metadata;
      return reply.status(200).send({
        flags: evaluateBulk(snapshot.flagSet, context),
        ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
        eventStreams: [
          eventStreamEntry(
            params.service === undefined
              ? ''
              : `/flags/${encodeURIComponent(scope.service)}/${encodeURIComponent(scope.env)}`,
          ),
        ],
      });
    });
  }
  app.get(`${scoped}/flagd.json`, { errorHandler }, async (request, reply) => {
    const scope = await authorizeOfrep(request, deps, urlScope(request.params as ScopeParams));
    const snapshot = await deps.flags.snapshot(scope);
    void reply.header('etag', snapshot.etag).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], snapshot.etag)) {
      return reply.status(304).send();
    }
    return reply.type('application/json; charset=utf-8').send(snapshot.text);
  });
}

function urlScope(params: ScopeParams): FlagScope | undefined {
  return params.service === undefined || params.env === undefined
    ? undefined
    : { service: params.service, env: params.env };
}

function credentialOf(request: FastifyRequest): string | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim() !== '') return apiKey.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The environment whose flags the request may evaluate, or a 401/403. */
async function authorizeOfrep(
  request: FastifyRequest,
  deps: OfrepDependencies,
  scope: FlagScope | undefined,
): Promise<FlagScope> {
  const secret = credentialOf(request);
  if (secret === undefined) {
    throw new OfrepHttpError(401, 'no credentials: send X-API-Key or Authorization: Bearer');
  }
  if (secret.startsWith(flagClientKeyPrefix)) {
    const key = await deps.flags.authenticateClientKey(secret);
    if (key === undefined) throw new OfrepHttpError(401, 'unknown or revoked flag client key');
    if (scope !== undefined && (key.service !== scope.service || key.env !== scope.env)) {
      throw new OfrepHttpError(
        403,
        `this client key is for ${key.service}/${key.env}, not ${scope.service}/${scope.env}`,
      );
    }
    return { service: key.service, env: key.env };
  }
  const token = await deps.tokens.authenticate(secret);
  if (token === undefined) throw new OfrepHttpError(401, 'unknown or revoked token');
  if (scope === undefined) {
    throw new OfrepHttpError(
      403,
      'an API token names no environment: use <server>/flags/<service>/<env> as the OFREP base URL, or a flag client key',
    );
  }
  const decision = canPerform(token, 'flags.read', scope);
  if (!decision.allowed) throw new OfrepHttpError(403, decision.reason);
  return scope;
}

function contextOf(body: unknown, key: string | undefined): EvaluationContext {
  const parsed = ofrepEvaluationRequest.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['body', ...(issue?.path.map(String) ?? [])].join('.');
    throw new OfrepHttpError(
      400,
      `${field}: ${issue?.message ?? 'invalid'}${key === undefined ? '' : ` (flag ${key})`}`,
      'INVALID_CONTEXT',
    );
  }
  return (parsed.data.context ?? {}) as EvaluationContext;
}

function ofrepError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const key = (request.params as KeyParams).key;
  if (error instanceof OfrepHttpError) {
    if (error.status === 401) void reply.header('www-authenticate', 'Bearer');
    const body =
      error.errorCode === undefined
        ? { errorDetails: error.message }
        : {
            ...(key === undefined ? {} : { key }),
            errorCode: error.errorCode,
            errorDetails: error.message,
          };
    return reply.status(error.status).send(body);
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own: malformed JSON, a body too large, an unsupported content type.
    return reply.status(status).send({
      ...(key === undefined ? {} : { key }),
      errorCode: 'INVALID_CONTEXT',
      errorDetails: error.message,
    });
  }
  request.log.error({ err: error }, 'OFREP request failed');
  return reply.status(500).send({ errorDetails: 'internal error' });
}

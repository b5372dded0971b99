import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AccessAction, AccessTarget } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type {
  ApiToken,
  IdempotencyService,
  IdempotentRequest,
  TokenService,
} from '@slipway/engine';
import { authenticateRequest, authorize } from './authenticate-request.js';
import { claimOrAnswer, idempotencyKeyOf, idempotentRequest } from './idempotent-request.js';
import { limitedUploadBody } from './upload-body.js';
import type { LimitedBody } from './upload-body.js';

export interface RouteInput<Q, B, P> {
  readonly query: Q;
  readonly body: B;
  readonly params: P;
  readonly token: ApiToken;
  /** Upload routes only: the request body, streamed and bounded. */
  readonly stream?: Readable;
}

type Parsed<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> = {
  query: z.output<Q>;
  body: z.output<B>;
  params: z.output<P>;
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A route as data: the same schemas validate the request and describe it in the OpenAPI
 * document, so the two cannot drift apart.
 */
export interface ApiRoute<
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  readonly method: HttpMethod;
  /** Fastify syntax: `/api/tokens/:id`. */
  readonly url: string;
  readonly summary: string;
  readonly action: AccessAction;
  /** Actions needed beyond `action` by what this request asks (e.g. setting a deployer). */
  readonly extraActions?: (input: Parsed<Q, B, P>) => readonly AccessAction[];
  /**
   * Service and environment the request is about, for scoped tokens; may look the subject up
   * (a deployment by id), after the role was checked.
   */
  readonly target?: (input: Parsed<Q, B, P>) => AccessTarget | Promise<AccessTarget>;
  readonly query?: Q;
  readonly body?: B;
  readonly params?: P;
  /** The body is raw bytes (application/octet-stream), handed to the handler as a stream. */
  readonly upload?: true;
  readonly status?: number;
  readonly response: z.ZodType;
  handle(input: RouteInput<z.output<Q>, z.output<B>, z.output<P>>): Promise<unknown>;
}

/** Keeps each route's own schema types (a plain array literal would widen them). */
export function apiRoute<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType>(
  route: ApiRoute<Q, B, P>,
): ApiRoute {
  return route as unknown as ApiRoute;
}

export interface RouteServices {
  readonly tokens: TokenService;
  readonly idempotency: IdempotencyService;
  readonly maxUploadBytes: number;
}

export function registerApiRoute(
  app: FastifyInstance,
  route: ApiRoute,
  services: RouteServices,
): void {
  app.route({
    method: route.method,
    url: route.url,
    handler: (request, reply) => handleRequest(route, services, request, reply),
  });
}

async function handleRequest(
  route: ApiRoute,
  services: RouteServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  // Any answer to an upload may come while the client is still sending; undici (Node's fetch)
  // then leaves the answer unfinished on a kept-alive connection. Closing it lets it finish.
  if (route.upload === true) void reply.header('connection', 'close');
  // Authenticate before validating, so a stranger learns nothing about the request shape.
  const token = await authenticateRequest(request, services.tokens);
  const key = route.method === 'GET' ? undefined : idempotencyKeyOf(request);
  const input = {
    query: parse(route.query, request.query, 'query'),
    body: route.upload === true ? undefined : parse(route.body, request.body, 'body'),
    params: parse(route.params, request.params, 'path'),
  };
  const actions = [route.action, ...(route.extraActions?.(input) ?? [])];
  // Role first, before any lookup: a token without the role learns nothing about the subject.
  const roleOnly = { ...token, services: null, environments: null };
  for (const action of actions) authorize(roleOnly, action);
  const scoped = token.services !== null || token.environments !== null;
  if (scoped) {
    const target = (await route.target?.(input)) ?? {};
    for (const action of actions) authorize(token, action, target);
  }
  const upload =
    route.upload === true ? limitedUploadBody(request, services.maxUploadBytes) : undefined;
  const idempotent =
    key === undefined ? undefined : idempotentRequest(request, token.id, key, upload !== undefined);
  const call = { ...input, token, ...(upload === undefined ? {} : { stream: upload.stream }) };
  try {
    if (
      idempotent !== undefined &&
      !(await claimOrAnswer(services.idempotency, idempotent, reply))
    ) {
      return reply;
    }
    const status = route.status ?? 200;
    const text = JSON.stringify(
      await runHandler(route, call, services, idempotent, request, upload),
    );
    if (idempotent !== undefined)
      await completeQuietly(services, idempotent, status, text, request);
    return await reply.status(status).type('application/json; charset=utf-8').send(text);
  } finally {
    upload?.discardRest();
  }
}

async function runHandler(
  route: ApiRoute,
  call: RouteInput<unknown, unknown, unknown>,
  services: RouteServices,
  idempotent: IdempotentRequest | undefined,
  request: FastifyRequest,
  upload: LimitedBody | undefined,
): Promise<unknown> {
  try {
    return await route.handle(call);
  } catch (error) {
    // The handler failed and its transaction rolled back: the client may retry with the key.
    if (idempotent !== undefined) await releaseQuietly(services, idempotent, request);
    if (upload?.exceeded() === true && !isTooLarge(error)) {
      throw new SlipwayError(
        'TOO_LARGE',
        `the upload is larger than the limit of ${services.maxUploadBytes} bytes`,
        { cause: error, subject: 'body' },
      );
    }
    throw error;
  }
}

async function completeQuietly(
  services: RouteServices,
  idempotent: IdempotentRequest,
  status: number,
  text: string,
  request: FastifyRequest,
): Promise<void> {
  try {
    await services.idempotency.complete(idempotent, status, text);
  } catch (error) {
    // The action is done and its answer goes out; a retry will be told the key is unfinished.
    request.log.error({ err: error }, 'could not store the answer of an idempotency key');
  }
}

async function releaseQuietly(
  services: RouteServices,
  idempotent: IdempotentRequest,
  request: FastifyRequest,
): Promise<void> {
  try {
    await services.idempotency.release(idempotent);
  } catch (error) {
    request.log.error({ err: error }, 'could not release an idempotency key');
  }
}

function isTooLarge(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'TOO_LARGE';
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined ? [] : issue.path.map(String);
  const keys =
    issue !== undefined && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys : [];
  const field = [where, ...path, ...keys.map(String)].join('.');
  throw new SlipwayError('USAGE', `${field}: ${issue?.message ?? 'invalid'}`, {
    subject: field,
  });
}

import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AccessAction, AccessTarget } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { ApiToken, TokenService } from '@slipway/engine';
import { authenticateRequest, authorize } from './authenticate-request.js';

export interface RouteInput<Q, B, P> {
  readonly query: Q;
  readonly body: B;
  readonly params: P;
  readonly token: ApiToken;
}

/**
 * A route as data: the same schemas validate the request and describe it in the OpenAPI
 * document, so the two cannot drift apart.
 */
export interface ApiRoute<
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Fastify syntax: `/api/tokens/:id`. */
  readonly url: string;
  readonly summary: string;
  readonly action: AccessAction;
  /** Service and environment the request is about, for scoped tokens. */
  readonly target?: (input: {
    query: z.output<Q>;
    body: z.output<B>;
    params: z.output<P>;
  }) => AccessTarget;
  readonly query?: Q;
  readonly body?: B;
  readonly params?: P;
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

export function registerApiRoute(
  app: FastifyInstance,
  route: ApiRoute,
  tokens: TokenService,
): void {
  app.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      // Authenticate before validating, so a stranger learns nothing about the request shape.
      const token = await authenticateRequest(request, tokens);
      const input = {
        query: parse(route.query, request.query, 'query'),
        body: parse(route.body, request.body, 'body'),
        params: parse(route.params, request.params, 'path'),
      };
      authorize(token, route.action, route.target?.(input) ?? {});
      const result = await route.handle({ ...input, token });
      return reply.status(route.status ?? 200).send(result);
    },
  });
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

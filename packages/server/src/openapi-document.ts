import { z } from 'zod';
import type { ApiRoute } from './api-route.js';
import { errorResponse } from './api-schemas.js';

type JsonSchema = Record<string, unknown>;

const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'makes a retry act once: a repeated key replays the first answer (header Idempotent-Replayed: true) for 24 hours',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

/** A route registered by hand (not an `ApiRoute`) that the document still describes. */
export interface PlainRouteDoc {
  readonly method: 'GET';
  readonly url: string;
  readonly summary: string;
  readonly response: z.ZodType;
}

/** OpenAPI 3.1 from the routes' own zod schemas (JSON Schema 2020-12, as 3.1 expects). */
export function openApiDocument(
  routes: readonly ApiRoute[],
  version: string,
  plainRoutes: readonly PlainRouteDoc[] = [],
): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of plainRoutes) {
    const operations = (paths[route.url] ??= {});
    operations[route.method.toLowerCase()] = {
      summary: route.summary,
      security: [{ bearer: [] }],
      responses: {
        '200': {
          description: 'success',
          content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
        },
        default: {
          description: 'an error: 401 no or unknown token',
          content: { 'application/json': { schema: schemaOf(errorResponse, 'output') } },
        },
      },
    };
  }
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      'x-slipway-action': route.action,
      security: [{ bearer: [] }],
      parameters: [
        ...parameters(route.params, 'path'),
        ...parameters(route.query, 'query'),
        ...(route.method === 'GET' ? [] : [idempotencyKeyParameter]),
      ],
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content:
                route.upload === true
                  ? { 'application/octet-stream': { schema: schemaOf(route.body, 'input') } }
                  : { 'application/json': { schema: schemaOf(route.body, 'input') } },
            },
          }),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'success',
          content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
        },
        default: {
          description:
            'an error: 400 invalid request, 401 no or unknown token, 403 role or scope missing, 404 not found, 409 conflict (or an Idempotency-Key whose first request has not finished), 413 upload too large, 422 digest mismatch or Idempotency-Key reused for another request',
          content: { 'application/json': { schema: schemaOf(errorResponse, 'output') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Slipway control plane', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const json = schemaOf(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

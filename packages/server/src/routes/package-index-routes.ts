import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SlipwayError, canPerform, isSlipwayError } from '@slipway/core';
import type { ApiToken, PackageIndexService, PackageUpload, TokenService } from '@slipway/engine';
import {
  FileExistsError,
  negotiateSimpleFormat,
  normalizeProjectName,
  projectHtml,
  projectJson,
  projectListHtml,
  projectListJson,
  simpleContentTypes,
  spoolMultipart,
} from '@slipway/engine';
import { authorize } from '../authenticate-request.js';
import { statusForCode } from '../error-status.js';
import { limitedUploadBody } from '../upload-body.js';
import type { LimitedBody } from '../upload-body.js';
import { actorOf } from './token-routes.js';

export interface PackageIndexRouteServices {
  readonly packageIndex: PackageIndexService;
  readonly tokens: TokenService;
}

/** Room for the form fields around the largest file. */
const formOverheadBytes = 1024 * 1024;

/**
 * The Python package index: the simple API (PEP 503/691, read without a token, as installers
 * do), files by digest, and the legacy upload API twine speaks. Not JSON API routes: their
 * answers are what pip and twine expect, so they live in their own encapsulated scope with
 * their own body parser and error answers.
 */
export function registerPackageIndexRoutes(
  app: FastifyInstance,
  services: PackageIndexRouteServices,
): void {
  const { packageIndex } = services;
  void app.register(async (scope) => {
    // Unread: the upload streams to a spool file while it is hashed, never whole in memory.
    scope.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
      done(null, payload);
    });
    scope.setErrorHandler((error, _request, reply) => sendError(reply, error));

    scope.get('/simple', (_request, reply) => reply.redirect('/simple/', 301));
    scope.get('/simple/', (request, reply) => projectList(request, reply, undefined));
    scope.get<{ Params: { project: string } }>('/simple/:project', (request, reply) =>
      reply.redirect(
        `/simple/${encodeURIComponent(normalizeProjectName(request.params.project))}/`,
        301,
      ),
    );
    scope.get<{ Params: { project: string } }>('/simple/:project/', (request, reply) =>
      projectPage(request, reply, request.params.project, undefined),
    );
    scope.get<{ Params: { env: string } }>('/envs/:env/simple', (request, reply) =>
      reply.redirect(`/envs/${encodeURIComponent(request.params.env)}/simple/`, 301),
    );
    scope.get<{ Params: { env: string } }>('/envs/:env/simple/', (request, reply) =>
      projectList(request, reply, request.params.env),
    );
    scope.get<{ Params: { env: string; project: string } }>(
      '/envs/:env/simple/:project',
      (request, reply) =>
        reply.redirect(
          `/envs/${encodeURIComponent(request.params.env)}/simple/${encodeURIComponent(normalizeProjectName(request.params.project))}/`,
          301,
        ),
    );
    scope.get<{ Params: { env: string; project: string } }>(
      '/envs/:env/simple/:project/',
      (request, reply) => projectPage(request, reply, request.params.project, request.params.env),
    );
    scope.get<{ Params: { sha256: string; filename: string } }>(
      '/files/:sha256/:filename',
      (request, reply) => sendFile(reply, request.params.sha256, request.params.filename),
    );
    scope.post('/legacy/', (request, reply) => upload(request, reply));
    scope.post('/legacy', (request, reply) => upload(request, reply));
  });

  async function projectList(
    request: FastifyRequest,
    reply: FastifyReply,
    environment: string | undefined,
  ): Promise<FastifyReply> {
    const format = negotiateSimpleFormat(request.headers.accept);
    if (format === undefined) return notAcceptable(reply);
    const projects = await packageIndex.projects(environment);
    return reply
      .header('content-type', contentType(format))
      .header('vary', 'Accept')
      .send(format === 'json' ? projectListJson(projects) : projectListHtml(projects));
  }

  async function projectPage(
    request: FastifyRequest,
    reply: FastifyReply,
    name: string,
    environment: string | undefined,
  ): Promise<FastifyReply> {
    const project = normalizeProjectName(name);
    const base =
      environment === undefined ? '/simple/' : `/envs/${encodeURIComponent(environment)}/simple/`;
    // PEP 503: other spellings of the name redirect to the normalized one.
    if (project !== name) return reply.redirect(`${base}${encodeURIComponent(project)}/`, 301);
    const format = negotiateSimpleFormat(request.headers.accept);
    if (format === undefined) return notAcceptable(reply);
    const listing = await packageIndex.project(project, environment);
    return reply
      .header('content-type', contentType(format))
      .header('vary', 'Accept')
      .send(format === 'json' ? projectJson(listing) : projectHtml(listing));
  }

  async function sendFile(
    reply: FastifyReply,
    sha256: string,
    filename: string,
  ): Promise<FastifyReply> {
    const isMetadata = filename.endsWith('.metadata');
    const file = await packageIndex.file(sha256, isMetadata ? filename.slice(0, -9) : filename);
    const digest = isMetadata ? file.metadataDigest : file.digest;
    if (digest === null)
      throw new SlipwayError('NOT_FOUND', `${file.filename} has no metadata file`);
    return reply
      .header('content-type', isMetadata ? 'text/plain; charset=utf-8' : 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(packageIndex.open(digest));
  }

  async function upload(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    let body: LimitedBody | undefined;
    try {
      const token = await basicAuthToken(request, services.tokens);
      body = limitedUploadBody(request, packageIndex.maxFileBytes + formOverheadBytes);
      const form = await spoolMultipart(
        body.stream as AsyncIterable<Buffer>,
        request.headers['content-type'],
        { dir: packageIndex.spoolDir, maxFileBytes: packageIndex.maxFileBytes },
      );
      try {
        const parsed: PackageUpload = {
          filename: form.filename,
          fields: form.fields,
          content: form.file,
        };
        const project = normalizeProjectName(
          parsed.fields.find(([field]) => field === 'name')?.[1] ??
            parsed.filename.split('-')[0] ??
            '',
        );
        authorize(token, 'artifacts.register', { service: project });
        const file = await packageIndex.upload(parsed, {
          actor: actorOf(token),
          mayCreateService: canPerform(token, 'catalog.write', { service: project }).allowed,
        });
        return await reply
          .header('content-type', 'text/plain; charset=utf-8')
          .send(`OK: ${file.filename} stored as ${file.digest}\n`);
      } finally {
        await form.discard();
      }
    } catch (error) {
      // Refused before the whole body was read: drop the rest so the client sees the answer.
      body?.discardRest();
      throw error;
    }
  }
}

/** `Authorization: Basic __token__:<token>` as twine sends it (or Bearer <token>). */
async function basicAuthToken(request: FastifyRequest, tokens: TokenService): Promise<ApiToken> {
  const header = request.headers.authorization ?? '';
  let secret: string | undefined;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    if (colon === -1 || user !== '__token__') {
      throw new SlipwayError(
        'UNAUTHENTICATED',
        'use the user name __token__ and a Slipway token as the password',
      );
    }
    secret = decoded.slice(colon + 1);
  } else {
    secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  }
  if (secret === undefined || secret === '') {
    throw new SlipwayError(
      'UNAUTHENTICATED',
      'no credentials: user __token__, a Slipway token as the password',
    );
  }
  const token = await tokens.authenticate(secret);
  if (token === undefined) throw new SlipwayError('UNAUTHENTICATED', 'unknown or revoked token');
  return token;
}

function contentType(format: 'json' | 'html' | 'legacyHtml'): string {
  const type = simpleContentTypes[format];
  return format === 'json' ? type : `${type}; charset=utf-8`;
}

function notAcceptable(reply: FastifyReply): FastifyReply {
  return reply
    .status(406)
    .header('content-type', 'text/plain; charset=utf-8')
    .send(`acceptable: ${Object.values(simpleContentTypes).join(', ')}\n`);
}

/**
 * Plain-text answers, the message also as the reason phrase: twine prints the reason, and its
 * --skip-existing looks for "already exist" in a 400. Every refused upload is a 400 (bad
 * digest, name, archive, size) except missing or wrong credentials (401, 403).
 */
function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  let status: number;
  let message: string;
  if (error instanceof FileExistsError) {
    status = 400;
    message = `File already exists: ${error.filename}`;
  } else if (isSlipwayError(error)) {
    const mapped = statusForCode(error.code);
    status = mapped === 401 || mapped === 403 || mapped === 404 || mapped >= 500 ? mapped : 400;
    message = error.message;
  } else {
    const fastifyStatus = (error as { statusCode?: unknown }).statusCode;
    status = typeof fastifyStatus === 'number' && fastifyStatus < 500 ? 400 : 500;
    message = status === 400 ? (error as Error).message : 'internal error';
  }
  if (status === 401) void reply.header('www-authenticate', 'Basic realm="slipway"');
  reply.raw.statusMessage = message.replace(/[^\x20-\x7e]/g, ' ').slice(0, 200);
  return reply
    .status(status)
    .header('content-type', 'text/plain; charset=utf-8')
    .send(`${message}\n`);
}

import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small in-memory registry on loopback that implements the OCI Distribution Spec 1.1 parts a
 * client of attestations uses, including what docker-registry 2.8 lacks: the referrers API
 * (`GET /v2/<name>/referrers/<digest>`, with the `artifactType` filter and
 * `OCI-Filters-Applied`) and the `OCI-Subject` header on a manifest PUT that has a subject.
 * Written from the specification for the tests; not a registry anyone should run.
 */
export interface ReferrersRegistry {
  readonly host: string;
  /** Requests seen, as `METHOD path`, for assertions on which API the client used. */
  readonly requests: string[];
  tags(repository: string): string[];
  close(): Promise<void>;
}

interface Repository {
  readonly blobs: Map<string, Buffer>;
  readonly manifests: Map<string, { bytes: Buffer; mediaType: string }>;
  readonly tags: Map<string, string>;
  readonly uploads: Set<string>;
}

const indexType = 'application/vnd.oci.image.index.v1+json';

export async function startReferrersRegistry(): Promise<ReferrersRegistry> {
  const repositories = new Map<string, Repository>();
  const requests: string[] = [];
  const repo = (name: string): Repository => {
    let found = repositories.get(name);
    if (found === undefined) {
      found = { blobs: new Map(), manifests: new Map(), tags: new Map(), uploads: new Set() };
      repositories.set(name, found);
    }
    return found;
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push(`${request.method ?? ''} ${(request.url ?? '').split('?')[0] ?? ''}`);
      handle(request, Buffer.concat(chunks), response, repo);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    tags: (name) => [...(repositories.get(name)?.tags.keys() ?? [])].sort(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
  body?: Buffer,
  head = false,
): void {
  response.writeHead(status, {
    ...headers,
    ...(body === undefined ? {} : { 'content-length': String(body.length) }),
  });
  response.end(head || body === undefined ? undefined : body);
}

function notFound(response: ServerResponse, code: string): void {
  const body = Buffer.from(JSON.stringify({ errors: [{ code, message: code.toLowerCase() }] }));
  send(response, 404, { 'content-type': 'application/json' }, body);
}

function handle(
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  repo: (name: string) => Repository,
): void {
  const url = new URL(request.url ?? '/', 'http://registry');
  const method = request.method ?? 'GET';
  const head = method === 'HEAD';
  if (url.pathname === '/v2/' || url.pathname === '/v2') {
    send(response, 200, { 'content-type': 'application/json' }, Buffer.from('{}'));
    return;
  }
  const match =
    /^\/v2\/(.+?)\/(blobs\/uploads\/?(?<upload>[^/]*)|blobs\/(?<blob>[^/]+)|manifests\/(?<manifest>[^/]+)|referrers\/(?<referrers>[^/]+)|tags\/list)$/.exec(
      url.pathname,
    );
  if (match === null) {
    notFound(response, 'NAME_UNKNOWN');
    return;
  }
  const name = match[1] ?? '';
  const store = repo(name);
  const groups = match.groups ?? {};
  if (groups['referrers'] !== undefined) {
    const subject = groups['referrers'];
    const wanted = url.searchParams.get('artifactType');
    const manifests = [...store.manifests.entries()].flatMap(([digest, stored]) => {
      const document = JSON.parse(stored.bytes.toString('utf8')) as {
        subject?: { digest: string };
        artifactType?: string;
        config?: { mediaType: string };
        annotations?: Record<string, string>;
      };
      if (document.subject?.digest !== subject) return [];
      const artifactType = document.artifactType ?? document.config?.mediaType;
      if (wanted !== null && artifactType !== wanted) return [];
      return [
        {
          mediaType: stored.mediaType,
          digest,
          size: stored.bytes.length,
          ...(artifactType === undefined ? {} : { artifactType }),
          ...(document.annotations === undefined ? {} : { annotations: document.annotations }),
        },
      ];
    });
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: indexType, manifests }),
    );
    send(
      response,
      200,
      {
        'content-type': indexType,
        ...(wanted === null ? {} : { 'oci-filters-applied': 'artifactType' }),
      },
      index,
    );
    return;
  }
  if (url.pathname.endsWith('/tags/list')) {
    const tags = Buffer.from(JSON.stringify({ name, tags: [...store.tags.keys()].sort() }));
    send(response, 200, { 'content-type': 'application/json' }, tags);
    return;
  }
  if (groups['upload'] !== undefined || url.pathname.endsWith('/blobs/uploads/')) {
    const id = groups['upload'] ?? '';
    if (method === 'POST') {
      const mount = url.searchParams.get('mount');
      if (mount !== null) {
        const from = repo(url.searchParams.get('from') ?? '').blobs.get(mount);
        if (from !== undefined) {
          store.blobs.set(mount, from);
          send(response, 201, {
            location: `/v2/${name}/blobs/${mount}`,
            'docker-content-digest': mount,
          });
          return;
        }
      }
      const uuid = randomUUID();
      store.uploads.add(uuid);
      send(response, 202, {
        location: `/v2/${name}/blobs/uploads/${uuid}`,
        'docker-upload-uuid': uuid,
      });
      return;
    }
    if (method === 'PUT' && store.uploads.has(id)) {
      const digest = url.searchParams.get('digest') ?? '';
      if (sha256(body) !== digest) {
        send(
          response,
          400,
          { 'content-type': 'application/json' },
          Buffer.from('{"errors":[{"code":"DIGEST_INVALID"}]}'),
        );
        return;
      }
      store.uploads.delete(id);
      store.blobs.set(digest, body);
      send(response, 201, {
        location: `/v2/${name}/blobs/${digest}`,
        'docker-content-digest': digest,
      });
      return;
    }
    notFound(response, 'BLOB_UPLOAD_UNKNOWN');
    return;
  }
  if (groups['blob'] !== undefined) {
    const blob = store.blobs.get(groups['blob']);
    if (blob === undefined) {
      notFound(response, 'BLOB_UNKNOWN');
      return;
    }
    send(
      response,
      200,
      { 'content-type': 'application/octet-stream', 'docker-content-digest': groups['blob'] },
      blob,
      head,
    );
    return;
  }
  const reference = groups['manifest'] ?? '';
  if (method === 'PUT') {
    const digest = sha256(body);
    if (reference.startsWith('sha256:') && reference !== digest) {
      send(response, 400, {}, Buffer.from('{"errors":[{"code":"DIGEST_INVALID"}]}'));
      return;
    }
    const mediaType =
      request.headers['content-type'] ?? 'application/vnd.oci.image.manifest.v1+json';
    store.manifests.set(digest, { bytes: body, mediaType });
    if (!reference.startsWith('sha256:')) store.tags.set(reference, digest);
    const document = JSON.parse(body.toString('utf8')) as { subject?: { digest: string } };
    send(response, 201, {
      location: `/v2/${name}/manifests/${digest}`,
      'docker-content-digest': digest,
      // OCI 1.1: the registry tells the client it indexed the subject for the referrers API.
      ...(document.subject === undefined ? {} : { 'oci-subject': document.subject.digest }),
    });
    return;
  }
  const digest = reference.startsWith('sha256:') ? reference : store.tags.get(reference);
  const stored = digest === undefined ? undefined : store.manifests.get(digest);
  if (digest === undefined || stored === undefined) {
    notFound(response, 'MANIFEST_UNKNOWN');
    return;
  }
  send(
    response,
    200,
    { 'content-type': stored.mediaType, 'docker-content-digest': digest },
    stored.bytes,
    head,
  );
}

import { SlipwayError } from '@slipway/core';
import type { AuthChallenge, RegistryCredentials } from './registry-auth.js';
import { basicAuthorization, fetchBearerToken, parseAuthChallenge } from './registry-auth.js';
import type { OciDescriptor, OciManifestDocument } from './oci-media-types.js';
import {
  acceptedManifestTypes,
  ociMediaTypes,
  parseManifest,
  sha256Digest,
} from './oci-media-types.js';

export interface OciRegistryClientOptions {
  /** Host and optional port (`127.0.0.1:5000`). */
  readonly registry: string;
  readonly credentials?: RegistryCredentials | null;
  /** Plain HTTP, for a registry on loopback or a lab network; HTTPS otherwise. */
  readonly insecure?: boolean;
}

export interface FetchedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly document: OciManifestDocument;
}

type Access = 'pull' | 'push';

interface RequestSpec {
  readonly repository: string;
  readonly access: Access;
  readonly method: string;
  /** A path under /v2/, or an absolute upload location the registry gave. */
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
}

/**
 * A client of the OCI Distribution API (no daemon): manifests and blobs by digest, tags, uploads
 * with cross-repository mount, the referrers API. It answers the registry's 401 challenge once per
 * repository and access (basic, or a bearer token from the realm) and reuses the answer.
 */
export class OciRegistryClient {
  readonly registry: string;
  readonly #base: string;
  readonly #credentials: RegistryCredentials | null;
  readonly #authorizations = new Map<string, string>();

  constructor(options: OciRegistryClientOptions) {
    this.registry = options.registry;
    this.#base = `${options.insecure === true ? 'http' : 'https'}://${options.registry}`;
    this.#credentials = options.credentials ?? null;
  }

  /** The digest a tag or digest resolves to, or null when the registry has no such manifest. */
  async resolveDigest(repository: string, reference: string): Promise<string | null> {
    const response = await this.#send({
      repository,
      access: 'pull',
      method: 'HEAD',
      url: `/v2/${repository}/manifests/${reference}`,
      headers: { accept: acceptedManifestTypes.join(', ') },
    });
    if (response.status === 404) return null;
    await this.#expectOk(response, `HEAD ${repository}:${reference}`);
    const digest = response.headers.get('docker-content-digest');
    if (digest !== null) return digest;
    // The header is optional in the spec: then the bytes say it.
    return (await this.getManifest(repository, reference)).digest;
  }

  /** The manifest bytes; by digest, refused unless they hash to it. */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const source = `${this.registry}/${repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
    const response = await this.#send({
      repository,
      access: 'pull',
      method: 'GET',
      url: `/v2/${repository}/manifests/${reference}`,
      headers: { accept: acceptedManifestTypes.join(', ') },
    });
    if (response.status === 404) {
      throw new SlipwayError('NOT_FOUND', `${source} does not exist in the registry`, {
        subject: source,
      });
    }
    await this.#expectOk(response, `GET ${source}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = sha256Digest(bytes);
    const claimed = reference.startsWith('sha256:')
      ? reference
      : response.headers.get('docker-content-digest');
    if (claimed !== null && claimed !== digest) {
      throw new SlipwayError(
        'DIGEST_MISMATCH',
        `${source} returned a manifest that hashes to ${digest}, not ${claimed}`,
        {
          subject: source,
        },
      );
    }
    const document = parseManifest(bytes, source);
    const mediaType =
      document.mediaType ?? response.headers.get('content-type') ?? ociMediaTypes.manifest;
    return { digest, mediaType, bytes, document };
  }

  /** Puts manifest bytes under a tag or their digest; returns their digest as the registry saw it. */
  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<string> {
    return (await this.putManifestWithHeaders(repository, reference, bytes, mediaType)).digest;
  }

  /** As putManifest; also tells whether the registry indexed the manifest's subject (OCI 1.1). */
  async putManifestWithHeaders(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<{ digest: string; subjectAcknowledged: boolean }> {
    const digest = sha256Digest(bytes);
    const response = await this.#send({
      repository,
      access: 'push',
      method: 'PUT',
      url: `/v2/${repository}/manifests/${reference}`,
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    await this.#expectOk(response, `PUT ${this.registry}/${repository}:${reference}`);
    const stored = response.headers.get('docker-content-digest');
    if (stored !== null && stored !== digest) {
      throw new SlipwayError(
        'DIGEST_MISMATCH',
        `${this.registry} stored ${repository}:${reference} as ${stored}, not ${digest}`,
        {
          subject: `${this.registry}/${repository}`,
        },
      );
    }
    return { digest, subjectAcknowledged: response.headers.get('oci-subject') !== null };
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const response = await this.#send({
      repository,
      access: 'pull',
      method: 'HEAD',
      url: `/v2/${repository}/blobs/${digest}`,
    });
    if (response.status === 404) return false;
    await this.#expectOk(response, `HEAD blob ${repository}@${digest}`);
    return true;
  }

  /** The blob's bytes, refused unless they hash to the digest. */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const response = await this.#send({
      repository,
      access: 'pull',
      method: 'GET',
      url: `/v2/${repository}/blobs/${digest}`,
    });
    if (response.status === 404) {
      throw new SlipwayError('NOT_FOUND', `${this.registry}/${repository} has no blob ${digest}`, {
        subject: digest,
      });
    }
    await this.#expectOk(response, `GET blob ${repository}@${digest}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (sha256Digest(bytes) !== digest) {
      throw new SlipwayError(
        'DIGEST_MISMATCH',
        `blob ${digest} of ${this.registry}/${repository} hashes to ${sha256Digest(bytes)}`,
        {
          subject: digest,
        },
      );
    }
    return bytes;
  }

  /** Uploads bytes in one request (POST then PUT with the digest); the registry checks the digest. */
  async pushBlob(repository: string, bytes: Buffer): Promise<string> {
    const digest = sha256Digest(bytes);
    const started = await this.#send({
      repository,
      access: 'push',
      method: 'POST',
      url: `/v2/${repository}/blobs/uploads/`,
    });
    await this.#expectStatus(started, 202, `start upload to ${repository}`);
    await this.#finishUpload(repository, started, bytes, digest);
    return digest;
  }

  /**
   * Asks the registry to link a blob from another repository of the same registry without
   * sending bytes. False when it declined (it then opened an upload, which is left to expire).
   */
  async mountBlob(repository: string, digest: string, fromRepository: string): Promise<boolean> {
    const query = new URLSearchParams({ mount: digest, from: fromRepository });
    const response = await this.#send({
      repository,
      access: 'push',
      method: 'POST',
      url: `/v2/${repository}/blobs/uploads/?${query.toString()}`,
    });
    if (response.status === 201) return true;
    await this.#expectStatus(response, 202, `mount ${digest} into ${repository}`);
    return false;
  }

  async listTags(repository: string): Promise<string[]> {
    const response = await this.#send({
      repository,
      access: 'pull',
      method: 'GET',
      url: `/v2/${repository}/tags/list`,
    });
    if (response.status === 404) return [];
    await this.#expectOk(response, `list tags of ${repository}`);
    const body = (await response.json()) as { tags?: string[] | null };
    return body.tags ?? [];
  }

  /**
   * Manifests whose subject is the digest (OCI 1.1 referrers API), or null when the registry does
   * not offer the API (then the `sha256-<hex>` tag scheme is the fallback).
   */
  async listReferrers(repository: string, digest: string): Promise<OciDescriptor[] | null> {
    const response = await this.#send({
      repository,
      access: 'pull',
      method: 'GET',
      url: `/v2/${repository}/referrers/${digest}`,
    });
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 404 && !type.startsWith(ociMediaTypes.index)) {
      await response.body?.cancel();
      return null;
    }
    await this.#expectOk(response, `referrers of ${repository}@${digest}`);
    const index = parseManifest(
      Buffer.from(await response.arrayBuffer()),
      `${repository} referrers`,
    );
    return [...(index.manifests ?? [])];
  }

  async #finishUpload(
    repository: string,
    started: Response,
    bytes: Buffer,
    digest: string,
  ): Promise<void> {
    const location = started.headers.get('location');
    await started.body?.cancel();
    if (location === null) {
      throw new SlipwayError(
        'UNREACHABLE',
        `${this.registry} opened an upload without a location`,
        { subject: this.registry },
      );
    }
    const url = new URL(location, this.#base);
    url.searchParams.set('digest', digest);
    const response = await this.#send({
      repository,
      access: 'push',
      method: 'PUT',
      url: url.toString(),
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    await this.#expectStatus(response, 201, `upload ${digest} to ${repository}`);
  }

  async #send(spec: RequestSpec): Promise<Response> {
    const key = `${spec.repository}\u0000${spec.access}`;
    const first = await this.#fetch(spec, this.#authorizations.get(key));
    if (first.status !== 401) return first;
    const challenge = parseAuthChallenge(first.headers.get('www-authenticate'));
    await first.body?.cancel();
    if (challenge === null)
      throw this.#unauthenticated('it asked for an authentication scheme Slipway does not speak');
    const authorization = await this.#answer(challenge);
    const second = await this.#fetch(spec, authorization);
    if (second.status === 401) {
      await second.body?.cancel();
      throw this.#unauthenticated(
        `it refused ${this.#credentials === null ? 'anonymous access' : `the credentials of ${this.#credentials.username}`}`,
      );
    }
    this.#authorizations.set(key, authorization);
    return second;
  }

  async #answer(challenge: AuthChallenge): Promise<string> {
    if (challenge.scheme === 'basic') {
      if (this.#credentials === null)
        throw this.#unauthenticated('it requires credentials and none were given');
      return basicAuthorization(this.#credentials);
    }
    return `Bearer ${await fetchBearerToken(challenge, this.#credentials, this.registry)}`;
  }

  async #fetch(spec: RequestSpec, authorization: string | undefined): Promise<Response> {
    const url = spec.url.startsWith('/') ? `${this.#base}${spec.url}` : spec.url;
    const headers: Record<string, string> = { ...spec.headers };
    if (authorization !== undefined) headers.authorization = authorization;
    try {
      return await fetch(url, {
        method: spec.method,
        headers,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        redirect: 'follow',
      });
    } catch (error) {
      throw new SlipwayError(
        'UNREACHABLE',
        `registry ${this.registry} is unreachable (${spec.method} ${spec.repository})`,
        {
          subject: this.registry,
          cause: error,
          hint: 'check that the registry runs and the address is right',
        },
      );
    }
  }

  #unauthenticated(why: string): SlipwayError {
    return new SlipwayError(
      'UNAUTHENTICATED',
      `registry ${this.registry} did not let Slipway in: ${why}`,
      {
        subject: this.registry,
        hint: 'set SLIPWAY_REGISTRY_USERNAME and SLIPWAY_REGISTRY_PASSWORD for this registry',
      },
    );
  }

  async #expectOk(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    await this.#fail(response, what);
  }

  async #expectStatus(response: Response, status: number, what: string): Promise<void> {
    if (response.status === status) return;
    await this.#fail(response, what);
  }

  async #fail(response: Response, what: string): Promise<never> {
    const text = (await response.text()).slice(0, 300);
    const subject = this.registry;
    if (response.status === 403) {
      throw new SlipwayError('FORBIDDEN', `registry ${subject} forbids ${what}`, { subject });
    }
    if (response.status === 404) {
      throw new SlipwayError('NOT_FOUND', `registry ${subject}: ${what} found nothing`, {
        subject,
      });
    }
    const code = response.status >= 500 ? 'UNREACHABLE' : 'REFUSED';
    throw new SlipwayError(
      code,
      `registry ${subject} answered ${response.status} to ${what}: ${text}`,
      { subject },
    );
  }
}

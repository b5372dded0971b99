import { SlipwayError } from '@slipway/core';

/** `registry/repository[:tag][@sha256:…]`, split into its parts. */
export interface ImageReference {
  /** Host and optional port, as written (`127.0.0.1:5000`, `ghcr.io`). */
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/** OCI distribution-spec grammar for a tag. */
export const ociTagPattern = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const repositoryPattern =
  /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
export const ociDigestPattern = /^sha256:[0-9a-f]{64}$/;

/**
 * Parses a reference the way docker and skopeo do, except that the registry is required when the
 * first path component does not look like a host: Slipway never guesses Docker Hub.
 */
export function parseImageReference(text: string): ImageReference {
  const invalid = (why: string): SlipwayError =>
    new SlipwayError('USAGE', `invalid image reference ${JSON.stringify(text)}: ${why}`, {
      subject: text,
      hint: 'write registry/repository:tag or registry/repository@sha256:<hex>',
    });
  let rest = text.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!ociDigestPattern.test(digest))
      throw invalid('the digest is not sha256: and 64 hex digits');
  }
  const slash = rest.indexOf('/');
  if (slash < 0) throw invalid('it names no registry host');
  const registry = rest.slice(0, slash);
  if (!/[.:]/.test(registry) && registry !== 'localhost') {
    throw invalid(`${registry} is not a registry host (no dot or port)`);
  }
  let path = rest.slice(slash + 1);
  let tag: string | null = null;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!ociTagPattern.test(tag)) throw invalid(`tag ${JSON.stringify(tag)} is not a valid tag`);
  }
  if (!repositoryPattern.test(path))
    throw invalid(`repository ${JSON.stringify(path)} is not valid`);
  if (tag === null && digest === null) tag = 'latest';
  return { registry, repository: path, tag, digest };
}

export function formatImageReference(ref: ImageReference): string {
  const tag = ref.tag === null ? '' : `:${ref.tag}`;
  const digest = ref.digest === null ? '' : `@${ref.digest}`;
  return `${ref.registry}/${ref.repository}${tag}${digest}`;
}

/** The manifest reference a registry API call takes: the digest when known, else the tag. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

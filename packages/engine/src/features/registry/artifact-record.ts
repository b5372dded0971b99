export const artifactKinds = ['wheel', 'sdist', 'oci-image', 'file'] as const;
export type ArtifactKind = (typeof artifactKinds)[number];

/** `sha256:` and 64 lower-case hex digits: an artifact's identity. */
export const artifactDigestPattern = /^sha256:[0-9a-f]{64}$/;

/**
 * A built thing, known by its digest: the same digest is the same artifact, whoever registers
 * it and however often. Environments run digests; versions and names are labels on them.
 */
export interface Artifact {
  readonly digest: string;
  /** File name (`pkg-1.2.0-py3-none-any.whl`) or image reference without tag. */
  readonly name: string;
  readonly kind: ArtifactKind;
  readonly size: number;
  readonly version: string | null;
  readonly service: string | null;
  readonly sourceCommit: string | null;
  /** True once the bytes are in the blob store (checked against the digest on upload). */
  readonly stored: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface NewArtifact {
  readonly digest: string;
  readonly name: string;
  readonly kind: ArtifactKind;
  readonly size: number;
  readonly version?: string | null;
  readonly service?: string | null;
  readonly sourceCommit?: string | null;
}

export interface ArtifactQuery {
  readonly service?: string;
  readonly version?: string;
}

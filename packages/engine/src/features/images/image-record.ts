import type { Artifact } from '../registry/artifact-record.js';

export interface PlatformManifest {
  /** `linux/amd64`, `linux/arm64/v8`, or `unknown` for a manifest without platform. */
  readonly platform: string;
  readonly digest: string;
}

/** An image as recorded for a release: what every environment must run, byte for byte. */
export interface ImageRecord {
  /** `registry/repository@sha256:…` */
  readonly reference: string;
  readonly registry: string;
  readonly repository: string;
  /** The index digest for a multi-platform image, else the manifest digest. */
  readonly digest: string;
  readonly mediaType: string;
  readonly platforms: readonly PlatformManifest[];
  readonly artifact: Artifact;
}

export interface RecordImageInput {
  /** A tag or digest reference; a tag is resolved once, here, and never used again. */
  readonly reference: string;
  readonly service?: string | null;
  readonly version?: string | null;
  readonly sourceCommit?: string | null;
}

export interface PlaceImageInput {
  /** The image, by digest: `registry/repository@sha256:…`. */
  readonly source: string;
  /** `registry/repository`: the same as the source's to re-tag, another to copy. */
  readonly destination: string;
  readonly tags: readonly string[];
  /** Tags allowed to move from another digest to this one (`latest`, `{env}`); opt-in. */
  readonly movingTags?: readonly string[];
  /** Named in the recorded event when this placement is a promotion. */
  readonly environment?: string | null;
}

export interface TagChange {
  readonly tag: string;
  /** The digest the tag pointed to before, or null when it was new. */
  readonly previous: string | null;
}

export interface PlacedImage {
  readonly reference: string;
  readonly digest: string;
  readonly copied: boolean;
  /** Tags written (new or moved); tags that already pointed here are not listed. */
  readonly changed: readonly TagChange[];
  readonly unchanged: readonly string[];
}

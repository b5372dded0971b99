import type { EvidenceManifest } from '@slipway/core';

/** A release's evidence bundle as the server keeps it, without its bytes. */
export interface StoredEvidence {
  readonly releaseId: string;
  readonly service: string;
  readonly version: string;
  /** sha256 of the bundle's tar bytes. */
  readonly digest: string;
  readonly size: number;
  readonly manifest: EvidenceManifest;
  /** The trusted key the bundle verified with on upload. */
  readonly keyId: string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
}

export interface StoredEvidenceBundle extends StoredEvidence {
  readonly content: Buffer;
}

/** One bundle per release; `put` replaces the previous one. Two implementations: Kysely, fake. */
export interface EvidenceStore {
  put(bundle: StoredEvidenceBundle): Promise<void>;
  /** Without the bytes. */
  get(releaseId: string): Promise<StoredEvidence | undefined>;
  content(releaseId: string): Promise<StoredEvidenceBundle | undefined>;
}

/** The manifest of an exported evidence bundle: every item by digest, so the bundle is content-addressed. */
export const evidenceBundleFormat = 'https://slipway.dev/evidence-bundle/v1';

export type EvidenceItemKind =
  'sigstore-bundle' | 'intoto-jsonl' | 'deployment-record' | 'check-results';

export interface EvidenceItem {
  /** `blobs/sha256/<hex>`, relative to the bundle's root. */
  readonly path: string;
  readonly sha256: string;
  readonly kind: EvidenceItemKind;
  /** The artifact the item is about (file name), or null for release-wide items. */
  readonly artifact: string | null;
  /** The environment, for deployment records. */
  readonly environment: string | null;
  /** Predicate types of the statements inside, in file order. */
  readonly predicateTypes: readonly string[];
  /** False for statements stored without a signature (deployment records exported without a key). */
  readonly signed: boolean;
}

export interface EvidenceManifest {
  readonly format: typeof evidenceBundleFormat;
  readonly service: string;
  readonly version: string;
  readonly release: {
    readonly tag: string | null;
    readonly commit: string | null;
    readonly createdAt: string;
    readonly createdBy: string;
  };
  readonly artifacts: readonly { readonly name: string; readonly digest: string }[];
  readonly items: readonly EvidenceItem[];
  /** Items the release should have and the export did not find (no attestation for an artifact…). */
  readonly missing: readonly string[];
}

import type { DistributionKind } from '../python/distribution-filename.js';

/** One distribution file of the index, as the simple API lists it. */
export interface PackageFile {
  readonly filename: string;
  /** PEP 503 normalized, and the name of the catalog service it belongs to. */
  readonly project: string;
  /** As the file's metadata spells it. */
  readonly version: string;
  readonly kind: DistributionKind;
  /** `sha256:<hex>`: the registry artifact holding the bytes. */
  readonly digest: string;
  readonly size: number;
  readonly requiresPython: string | null;
  /** The PEP 658 metadata file's digest, or null when the index does not serve one. */
  readonly metadataDigest: string | null;
  /** PEP 592: false, or the reason (possibly empty) the file was yanked. */
  readonly yanked: false | string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
}

export interface PackageIndexStore {
  /** Throws FileExistsError when the file name is taken (checked by the primary key). */
  insert(file: PackageFile): Promise<void>;
  byFilename(filename: string): Promise<PackageFile | undefined>;
  /** Oldest upload first. */
  projectFiles(project: string): Promise<PackageFile[]>;
  /** Normalized names, sorted. */
  projects(): Promise<string[]>;
  setYanked(filename: string, yanked: false | string): Promise<void>;
}

/** A file of that name exists; the upload API answers it the way twine's --skip-existing knows. */
export class FileExistsError extends Error {
  constructor(readonly filename: string) {
    super(`File already exists: ${filename}`);
    this.name = 'FileExistsError';
  }
}

/** Rows of migration 0009-package-index. */
// A type alias, not an interface: Kysely's `withTables` wants an index-signature-compatible shape.
export type PackageFilesTable = {
  filename: string;
  project: string;
  version: string;
  kind: string;
  digest: string;
  /** bigint: PostgreSQL hands it back as a string, so read it through Number(). */
  size: number | string;
  requires_python: string | null;
  metadata_digest: string | null;
  yanked_reason: string | null;
  yanked: number;
  uploaded_at: string;
  uploaded_by: string;
};

export type PackageIndexTables = { package_files: PackageFilesTable };

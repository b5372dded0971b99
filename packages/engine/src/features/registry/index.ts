export type { Artifact, ArtifactKind, ArtifactQuery, NewArtifact } from './artifact-record.js';
export { artifactDigestPattern, artifactKinds } from './artifact-record.js';
export type { NewRelease, ReleaseRecord } from './release-record.js';
export type { BlobPutOptions, BlobStore } from './blob-store.js';
export { defaultMaxBlobBytes } from './blob-store.js';
export { FileBlobStore } from './file-blob-store.js';
export { FakeBlobStore } from './fake-blob-store.js';
export type { RegistryStore, RegistryUnit } from './registry-store.js';
export { ConcurrentChangeError } from './registry-store.js';
export type {
  ArtifactsTable,
  RegistryTables,
  ReleaseArtifactsTable,
  ReleasesTable,
} from './registry-tables.js';
export { KyselyRegistryStore } from './kysely-registry-store.js';
export { FakeRegistryStore } from './fake-registry-store.js';
export type { ArtifactLabelChanges } from './registry-changes.js';
export {
  RegistryService,
  createFakeRegistryService,
  createRegistryService,
} from './registry-service.js';
export type { RegistryServiceOptions } from './registry-service.js';
export { artifactDigestSchema, newArtifactSchema, newReleaseSchema } from './registry-schemas.js';
export { oldestCommitTime } from './first-commit-time.js';

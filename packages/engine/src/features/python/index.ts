export {
  canonicalPythonVersion,
  normalizeProjectName,
  projectNamePattern,
} from './project-names.js';
export { filenameMatchesProject, parseDistributionFilename } from './distribution-filename.js';
export type { DistributionFilename, DistributionKind } from './distribution-filename.js';
export { metadataField, parseCoreMetadata, uploadFormFields } from './core-metadata.js';
export type { CoreMetadata } from './core-metadata.js';
export { readDistributionMetadata } from './read-distribution-metadata.js';
export type { ArchiveFile, DistributionMetadata } from './read-distribution-metadata.js';
export {
  bufferSource,
  listZipEntries,
  listZipEntriesOf,
  readZipEntry,
  readZipEntryOf,
} from './read-zip-entry.js';
export type { ByteSource, ZipEntry } from './read-zip-entry.js';
export { readTarGzEntry } from './read-tar-gz-entry.js';
export { pypircRepository } from './pypirc.js';
export type { PypircRepository } from './pypirc.js';
export { alreadyExists, uploadDistribution } from './upload-distribution.js';
export type { UploadResult, UploadTarget } from './upload-distribution.js';
export { knownBuildBackends, readPythonProject } from './build-backends.js';
export type { PythonProject } from './build-backends.js';
export { buildDistributions } from './build-distributions.js';
export type { BuildRequest, BuildResult, BuiltDistribution } from './build-distributions.js';
export { mintUploadToken, oidcBaseOf, trustedPublishingCi } from './trusted-publishing.js';
export {
  buildRecordFileName,
  installedVersion,
  programVersion,
  readBuildRecordFor,
  writeBuildRecord,
} from './build-record.js';
export type { BuildRecord } from './build-record.js';
export { withRecordedBuild } from './recorded-build-provenance.js';

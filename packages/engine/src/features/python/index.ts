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
export type { DistributionMetadata } from './read-distribution-metadata.js';
export { listZipEntries, readZipEntry } from './read-zip-entry.js';
export type { ZipEntry } from './read-zip-entry.js';
export { readTarGzEntry } from './read-tar-gz-entry.js';

export {
  PackageIndexService,
  createFakePackageIndexService,
  createPackageIndexService,
  defaultMaxPackageFileBytes,
} from './package-index-service.js';
export type {
  PackageIndexControlPlane,
  PackageIndexOptions,
  ProjectListing,
  UploadOptions,
} from './package-index-service.js';
export { FileExistsError } from './package-file.js';
export type { PackageFile, PackageIndexStore } from './package-file.js';
export { FakePackageIndexStore } from './fake-package-index-store.js';
export { KyselyPackageIndexStore } from './kysely-package-index-store.js';
export type { PackageIndexTables } from './package-index-tables.js';
export { formField } from './package-upload.js';
export type { PackageUpload } from './package-upload.js';
export { negotiateSimpleFormat, simpleContentTypes } from './negotiate-simple-format.js';
export type { SimpleFormat } from './negotiate-simple-format.js';
export {
  fileUrl,
  projectHtml,
  projectJson,
  projectListHtml,
  projectListJson,
} from './simple-pages.js';
export {
  encodeMultipart,
  formDataParameter,
  malformedMultipart,
  multipartBoundary,
  parseMultipart,
} from './multipart-form.js';
export type { MultipartFile, MultipartPart } from './multipart-form.js';
export {
  EmbeddedPackageIndexPlane,
  HttpPackageIndexPlane,
  createPackageIndexPlane,
} from './package-index-plane.js';
export type { PackageIndexPlane, YankRequest } from './package-index-plane.js';
export { spoolMultipart } from './spool-multipart.js';
export type { SpoolOptions, SpooledFile, SpooledForm } from './spool-multipart.js';

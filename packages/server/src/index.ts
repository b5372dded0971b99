export { createServer } from './create-server.js';
export type { ServerDependencies } from './create-server.js';
export { startServer } from './start-server.js';
export type { RunningServer, StartServerOptions } from './start-server.js';
export { errorBody, statusForCode } from './error-status.js';
export type { ErrorBody } from './error-status.js';
export { openApiDocument } from './openapi-document.js';
export { apiRoutes } from './create-server.js';
export { defaultMaxUploadBytes } from './upload-body.js';

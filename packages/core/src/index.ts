export * from './errors/slipway-error.js';
export * from './versions/index.js';
export * from './commits/index.js';
export * from './links/index.js';
export * from './planning/index.js';
export * from './notes/index.js';
export * from './fragments/index.js';
export * from './changelog/index.js';

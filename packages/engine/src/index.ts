export * from './adapters/git/index.js';
export * from './config/index.js';
export * from './features/releases/index.js';
export * from './features/describe/index.js';
export * from './features/fragments/index.js';
export * from './adapters/forges/index.js';
export * from './adapters/updaters/index.js';

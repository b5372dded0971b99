export * from './config-schema.js';
export * from './load-config.js';
export * from './link-templates-from-config.js';
export * from './resolve-packages.js';
export * from './sections/check.js';

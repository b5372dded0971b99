export * from './pipeline-options.js';
export * from './pipeline-providers.js';
export * from './write-pipeline.js';

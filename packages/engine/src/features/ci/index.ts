export * from './ci-context.js';
export * from './pipelines/index.js';

export * from './ci-context.js';
export * from './pipelines/index.js';
export * from './forge-enrichment/index.js';

export * from './ci-context.js';
export * from './pull-request-title.js';
export * from './pipelines/index.js';
export * from './forge-enrichment/index.js';
export * from './deployment-ci-context.js';

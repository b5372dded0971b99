export * from './change-request.js';
export * from './github-enrichment.js';
export * from './gitlab-enrichment.js';
export * from './cached-enrichment.js';
export * from './create-forge-enrichment.js';

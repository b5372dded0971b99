export * from './guardrail-types.js';
export * from './check-conventional.js';
export * from './check-signatures.js';
export * from './check-branch-freshness.js';
export * from './check-together.js';
export * from './check-release-branches.js';
export * from './path-glob.js';
export * from './render-annotations.js';

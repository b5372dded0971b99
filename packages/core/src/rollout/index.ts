export * from './rollout-spec.js';
export * from './machine/index.js';
export * from './judge/index.js';
export * from './spec/index.js';
export * from './analysis/index.js';

export * from './rollout-spec.js';

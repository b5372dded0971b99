export * from './guardrail-check-service.js';
export * from './create-guardrail-check-service.js';
export * from './release-branch-states.js';
export * from './branching-strategies.js';
export * from './init-config.js';
export * from './write-new-files.js';
export * from './pull-request-range.js';

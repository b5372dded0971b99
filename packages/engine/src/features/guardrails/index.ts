export * from './guardrail-check-service.js';
export * from './create-guardrail-check-service.js';
export * from './release-branch-states.js';

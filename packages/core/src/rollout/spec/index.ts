export { parseRolloutSpec } from './parse-rollout-spec.js';
export { parseDuration } from './parse-duration.js';
export { builtInRolloutArgs } from './parse-templates.js';

export * from './planning-config.js';
export * from './plan-types.js';
export * from './bump-level.js';
export * from './cancel-reverts.js';
export * from './collect-bumps.js';
export * from './select-base-release.js';
export * from './tag-format.js';
export * from './plan-release.js';

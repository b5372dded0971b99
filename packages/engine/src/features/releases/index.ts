export * from './branch-role.js';
export * from './plan-service.js';
export * from './read-window.js';
export * from './shallow-boundary.js';
export * from './slim-commit.js';
export * from './create-plan-service.js';
export * from './notes-service.js';

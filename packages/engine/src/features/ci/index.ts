export * from './ci-context.js';

export * from './load-fragment-config.js';
export * from './read-fragments.js';
export * from './add-fragment.js';
export * from './towncrier-config.js';

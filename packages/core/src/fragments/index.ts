export * from './fragment-types.js';
export * from './parse-fragment-name.js';
export * from './fragment-file-name.js';
export * from './parse-fragment.js';
export * from './render-fragments-markdown.js';

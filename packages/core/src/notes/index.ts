export * from './notes-config.js';
export type * from './release-notes.js';
export * from './build-release-notes.js';
export * from './notes-collector.js';
export * from './notes-lines-collector.js';
export type * from './notes-text.js';
export * from './render-release-notes-markdown.js';
export * from './escape-markdown.js';
export * from './fragment-notes.js';

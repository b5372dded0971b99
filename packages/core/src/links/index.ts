export * from './parse-remote-url.js';
export * from './link-templates.js';
export * from './create-link-builder.js';

export * from './update-changelog.js';
export * from './changelog-preamble.js';

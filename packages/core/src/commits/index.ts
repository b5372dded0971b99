export type * from './types.js';
export { createCommitParser, parseCommit } from './create-commit-parser.js';

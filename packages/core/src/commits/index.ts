export type * from './types.js';
export { createCommitParser, createPlanCommitParser, parseCommit } from './create-commit-parser.js';

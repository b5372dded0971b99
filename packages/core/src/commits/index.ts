export type * from './types.js';
export type { NotesParsedCommit } from './create-commit-parser.js';
export {
  createCommitParser,
  createNotesCommitParser,
  createPlanCommitParser,
  parseCommit,
} from './create-commit-parser.js';

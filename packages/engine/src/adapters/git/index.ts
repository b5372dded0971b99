export type * from './git-port.js';
export { CliGit, type CliGitOptions } from './cli-git.js';
export {
  FakeGit,
  type FakeCommit,
  type FakeCommitOptions,
  type FakeGitOptions,
} from './fake-git.js';
export type * from './git-worktree-port.js';
export * from './cli-git-worktree.js';
export * from './fake-git-worktree.js';
export type * from './guardrail-git-port.js';
export * from './cli-guardrail-git.js';
export * from './fake-guardrail-git.js';

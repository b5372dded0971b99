export { cleanupTempDirs, liveTempDirCount, makeTempDir, type TempDir } from './temp-dir.js';
export { cloneShallow, createGitRepo, type GitRepo, type GitRepoSpec } from './create-git-repo.js';
export { isolatedGitEnv, runGitSync, type RunGitSyncOptions } from './run-git-sync.js';
export {
  BASE_EPOCH_SECONDS,
  DATE_STEP_SECONDS,
  TEST_IDENTITY,
  type BranchStep,
  type CheckoutStep,
  type CommitStep,
  type Identity,
  type MergeStep,
  type RepoStep,
  type StepDate,
  type TagStep,
} from './repo-steps.js';
export {
  createTestDatabase,
  dropTestDatabases,
  testDialects,
  type PrepareTestDatabase,
  type TestDatabase,
  type TestDialect,
} from './test-databases.js';
export { seededRandom } from './seeded-random.js';
export * from './demo-service/index.js';
export * from './nginx/index.js';
export * from './prometheus/index.js';
export { freePort } from './free-port.js';

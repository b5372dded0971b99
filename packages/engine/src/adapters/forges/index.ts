export type * from './forge-port.js';
export { upsertPullRequest, type UpsertResult } from './upsert-pull-request.js';
export { createForge, type ForgeOptions } from './create-forge.js';
export {
  forgeApiUrl,
  forgeAuthFromEnv,
  forgeTokenFromEnv,
  type ForgeAuth,
  type ForgeTokenType,
} from './forge-api-url.js';
export { GitHubForge, type GitHubForgeOptions } from './github-forge.js';
export { GitLabForge, type GitLabForgeOptions } from './gitlab-forge.js';
export { FakeForge, type FakeForgeCall } from './fake-forge.js';

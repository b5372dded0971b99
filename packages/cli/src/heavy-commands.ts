import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { registerCiCommand } from './commands/ci.js';
import { registerInitCommand } from './commands/init.js';
import { registerCheckCommand } from './commands/check.js';
import { registerCatalogCommand } from './commands/catalog.js';
import { registerLedgerCommand } from './commands/ledger.js';
import { registerReleasePrCommand } from './commands/release-pr.js';
import { registerServeCommand } from './commands/serve.js';
import { registerServiceCommand } from './commands/service.js';
import { registerTokenCommand } from './commands/token.js';
import { registerFlagsCommand } from './commands/flags.js';
import { registerArtifactCommand } from './commands/artifact.js';
import { registerImageCommand } from './commands/image.js';
import {
  registerDeployCommand,
  registerPlanRollbackCommand,
  registerPromoteCommand,
  registerRollbackCommand,
} from './commands/deploy.js';
import { registerDeploymentCommand } from './commands/deployment.js';
import { registerPushCommand } from './commands/push.js';
import { registerReleasesCommand } from './commands/releases.js';
import { registerHistoryCommand, registerStatusCommand } from './commands/status.js';
import { registerSbomCommand } from './commands/sbom.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerAttestCommand } from './commands/attest.js';
import { registerVerifyCommand } from './commands/verify.js';
import { registerEvidenceCommand } from './commands/evidence.js';
import { registerBuildCommand } from './commands/build.js';
import { registerPublishCommand } from './commands/publish.js';
import { registerIndexCommand } from './commands/yank.js';

import { registerPolicyCommand } from './commands/policy.js';
import { registerCheckResultCommand } from './commands/check-result.js';
import {
  registerApproveCommand,
  registerAuthorsCommand,
  registerRejectCommand,
  registerRequestCommand,
  registerRequestsCommand,
} from './commands/approve.js';
import { registerReviewsCommand } from './commands/reviews.js';
import { registerRolloutCommand } from './commands/rollout.js';

export type Register = (program: Command, context: CliContext) => void;

/**
 * The commands whose dependencies are heavy (HTTP server, database, forge clients). The build
 * bundles this module separately from the CLI's entry, so `plan` never loads Fastify, Kysely,
 * Octokit or the parts of zod only they use.
 */
export const heavyRegistrars: Readonly<Record<string, Register>> = {
  ci: registerCiCommand,
  init: registerInitCommand,
  check: registerCheckCommand,
  'release-pr': registerReleasePrCommand,
  ledger: registerLedgerCommand,
  serve: registerServeCommand,
  token: registerTokenCommand,
  flags: registerFlagsCommand,
  service: registerServiceCommand,
  catalog: registerCatalogCommand,
  artifact: registerArtifactCommand,
  image: registerImageCommand,
  push: registerPushCommand,
  releases: registerReleasesCommand,
  deploy: registerDeployCommand,
  promote: registerPromoteCommand,
  rollback: registerRollbackCommand,
  'plan-rollback': registerPlanRollbackCommand,
  deployment: registerDeploymentCommand,
  policy: registerPolicyCommand,
  'check-result': registerCheckResultCommand,
  approve: registerApproveCommand,
  authors: registerAuthorsCommand,
  reject: registerRejectCommand,
  requests: registerRequestsCommand,
  request: registerRequestCommand,
  reviews: registerReviewsCommand,
  status: registerStatusCommand,
  history: registerHistoryCommand,
  sbom: registerSbomCommand,
  keys: registerKeysCommand,
  attest: registerAttestCommand,
  verify: registerVerifyCommand,
  evidence: registerEvidenceCommand,
  build: registerBuildCommand,
  publish: registerPublishCommand,
  index: registerIndexCommand,
  rollout: registerRolloutCommand,
};

import type { Migration } from 'kysely';
import * as ledger from './0001-ledger.js';
import * as tokens from './0002-tokens.js';
import * as catalog from './0003-catalog.js';
import * as registry from './0004-registry.js';
import * as deployments from './0005-deployments.js';
import * as idempotency from './0006-idempotency.js';
import * as policy from './0007-policy.js';
import * as flags from './0008-flags.js';
import * as packageIndex from './0009-package-index.js';
import * as rollouts from './0010-rollouts.js';
import * as evidence from './0011-evidence.js';
import * as approvalsUnique from './0012-approvals-unique.js';
import * as tokenPerson from './0013-token-person.js';
import * as releaseCommitTime from './0014-release-commit-time.js';
import * as releaseFixes from './0015-release-fixes.js';
import * as policyDefaults from './0016-policy-defaults.js';

/** Forward-only, applied in name order. Never edit a shipped migration; add the next one. */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-ledger': ledger,
  '0002-tokens': tokens,
  '0003-catalog': catalog,
  '0004-registry': registry,
  '0005-deployments': deployments,
  '0006-idempotency': idempotency,
  '0007-policy': policy,
  '0008-flags': flags,
  '0009-package-index': packageIndex,
  '0010-rollouts': rollouts,
  '0011-evidence': evidence,
  '0012-approvals-unique': approvalsUnique,
  '0013-token-person': tokenPerson,
  '0014-release-commit-time': releaseCommitTime,
  '0015-release-fixes': releaseFixes,
  '0016-policy-defaults': policyDefaults,
};

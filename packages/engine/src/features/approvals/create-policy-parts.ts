import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DeploymentSources } from '../deployments/deployment-sources.js';
import { KyselyDeploymentStore } from '../deployments/kysely-deployment-store.js';
import { changeReviewersInBundle } from '../evidence/bundle/build-evidence-report.js';
import { KyselyEvidenceStore } from '../evidence/store/kysely-evidence-store.js';
import { createLedgerService } from '../ledger/ledger-service.js';
import { createPolicyService } from '../policy/policy-service.js';
import { createApprovalService } from './approval-service.js';
import { AutoDeployer } from './auto-deployer.js';
import { KyselyApprovalStore } from './kysely-approval-store.js';
import { PolicyGate } from './policy-gate.js';
import { EmbeddedPolicyPlane } from './policy-plane.js';
import { ReviewService } from './review-service.js';
import { WebhookNotifier } from './webhook-notifier.js';
import type { Notification, WebhookTarget } from './webhook-notifier.js';

/** Policy, approvals, reviews and the gate in front of deployments, over one database. */
export function createPolicyParts(
  db: Kysely<Database>,
  sources: DeploymentSources,
  now?: () => Date,
  webhooks: readonly WebhookTarget[] = [],
): {
  plane: EmbeddedPolicyPlane;
  gate: PolicyGate;
  notifier: WebhookNotifier;
  /** Connect it to the deployment service built with `gate` to turn auto-deploy on. */
  autoDeployer: AutoDeployer;
} {
  const clock = now === undefined ? {} : { now };
  const ledger = createLedgerService(db, clock);
  const notifier = new WebhookNotifier({
    targets: webhooks,
    ...clock,
    recordFailure: (event) => ledger.append(event),
  });
  const notify = (notification: Notification) => notifier.notify(notification);
  const policy = createPolicyService(db, { sources, ...clock });
  const deploymentsRead = new KyselyDeploymentStore(db);
  const evidence = new KyselyEvidenceStore(db);
  const approvals = createApprovalService(db, {
    sources,
    policy,
    ...clock,
    notify,
    running: async (service, environment) => {
      const state = await deploymentsRead.current(service, environment);
      return state === undefined
        ? null
        : { deploymentId: state.deploymentId, version: state.version, digests: state.digests };
    },
    // The approving reviewers of the release's pull requests, from its stored evidence bundle
    // (verified when it was stored). Only shown to approvers: no bundle, no reviewers.
    reviewers: async (releaseId) => {
      const bundle = await evidence.content(releaseId);
      return bundle === undefined ? [] : changeReviewersInBundle(bundle.content, bundle.manifest);
    },
  });
  const reviews = new ReviewService(new KyselyApprovalStore(db), ledger, { ...clock, notify });
  const gate = new PolicyGate({ policy, approvals, reviews, ...clock });
  const autoDeployer = new AutoDeployer({ sources, policy, approvals, ledger });
  return {
    plane: new EmbeddedPolicyPlane(policy, approvals, reviews, autoDeployer),
    gate,
    notifier,
    autoDeployer,
  };
}

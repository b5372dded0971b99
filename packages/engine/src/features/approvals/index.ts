export {
  PendingRequestExistsError,
  changeRequestStatuses,
  reviewStatuses,
} from './approval-records.js';
export type {
  Approval,
  ApprovalDecision,
  ChangeRequest,
  ChangeRequestContent,
  ChangeRequestStatus,
  ChangeRequestView,
  CommitAuthor,
  DecideOptions,
  PostReleaseReview,
  ReviewStatus,
  ReviewView,
} from './approval-records.js';
export type {
  ApprovalTables,
  ApprovalsTable,
  ChangeRequestsTable,
  PostReleaseReviewsTable,
} from './approval-tables.js';
export type { ApprovalStore } from './approval-store.js';
export { KyselyApprovalStore } from './kysely-approval-store.js';
export { FakeApprovalStore } from './fake-approval-store.js';
export { changeRequestContent, contentDigest } from './change-request-content.js';
export type { RunningDeployment, RunningLookup } from './change-request-content.js';
export {
  ApprovalService,
  createApprovalService,
  createFakeApprovalService,
} from './approval-service.js';
export type { ApprovalServiceOptions } from './approval-service.js';
export { ReviewService } from './review-service.js';
export type { NewReview, ReviewQuery } from './review-service.js';
export { PolicyGate } from './policy-gate.js';
export type { PolicyGateOptions } from './policy-gate.js';
export { WebhookNotifier, notificationTypes, signWebhook } from './webhook-notifier.js';
export type {
  Delivery,
  Notification,
  NotificationType,
  WebhookNotifierOptions,
  WebhookTarget,
} from './webhook-notifier.js';
export { createPolicyParts } from './create-policy-parts.js';
export { webhookTargetsFromEnv } from './webhook-targets.js';
export { startOverdueReviewScheduler } from './overdue-review-scheduler.js';
export type { OverdueReviewScheduler } from './overdue-review-scheduler.js';
export { AutoDeployer, autoDeployActor } from './auto-deployer.js';
export type { AutoDeployTarget, AutoDeployerOptions } from './auto-deployer.js';
export { authorIdentities, checkCommitAuthors, isAuthor } from './release-authors.js';
export { previousTag, readCommitAuthors, readReleaseWindow } from './commit-authors.js';
export type { ReleaseWindowFacts } from './commit-authors.js';

/** Rows of migration 0007-policy (change requests, approvals, reviews). JSON values are text. */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type ChangeRequestsTable = {
  id: string;
  service: string;
  environment: string;
  release_id: string;
  version: string;
  digests: string;
  strategy: string;
  requester: string;
  status: string;
  content: string;
  content_digest: string;
  deployment_id: string | null;
  created_at: string;
  updated_at: string;
};

export type ApprovalsTable = {
  id: string;
  request_id: string;
  approver: string;
  roles: string;
  decision: string;
  comment: string | null;
  content_digest: string;
  created_at: string;
};

export type PostReleaseReviewsTable = {
  id: string;
  deployment_id: string;
  service: string;
  environment: string;
  version: string;
  team: string;
  owner: string;
  actor: string;
  reason: string;
  bypassed: string;
  due_at: string;
  status: string;
  summary: string | null;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
};

/** Migration 0012: the authors of a release's commits. */
export type ReleaseAuthorsTable = {
  release_id: string;
  email: string;
  name: string;
  recorded_at: string;
  recorded_by: string;
};

export type ApprovalTables = {
  release_authors: ReleaseAuthorsTable;
  change_requests: ChangeRequestsTable;
  approvals: ApprovalsTable;
  post_release_reviews: PostReleaseReviewsTable;
};

import { z } from 'zod';
import { changeRequestStatuses, reviewStatuses } from '@slipway/engine';
import { unmetRule } from './policy-schemas.js';

const running = z.object({
  deploymentId: z.string(),
  version: z.string(),
  digests: z.array(z.string()),
});

export const commitAuthor = z.object({
  name: z.string().max(200),
  email: z.string().min(3).max(320),
});

export const releaseAuthorsBody = z.object({
  authors: z.array(commitAuthor).max(1_000).describe('the authors of the release’s commits'),
});

export const changeRequestContent = z.object({
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  releaseId: z.string(),
  digests: z.array(z.string()),
  strategy: z.string(),
  commit: z.string().nullable(),
  tag: z.string().nullable(),
  notes: z.string().nullable(),
  authors: z.array(z.string()),
  commitAuthors: z
    .array(commitAuthor)
    .optional()
    .describe('the authors of the release’s commits, when recorded'),
  reviewers: z
    .array(z.string())
    .optional()
    .describe('who approved the release’s pull requests, from its stored evidence, when known'),
  requester: z.string(),
  running: running.nullable().describe('what runs in the environment now: the rollback target'),
  diff: z.object({
    fromVersion: z.string().nullable(),
    toVersion: z.string(),
    addedDigests: z.array(z.string()),
    removedDigests: z.array(z.string()),
  }),
  checks: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      url: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
  policy: z.object({
    version: z.number().int(),
    decision: z.enum(['allow', 'needs_approval', 'deny']),
    unmet: z.array(unmetRule),
    requiredApprovals: z.number().int(),
  }),
});

export const changeRequest = z.object({
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  releaseId: z.string(),
  version: z.string(),
  digests: z.array(z.string()),
  strategy: z.string(),
  requester: z.string(),
  status: z.enum(changeRequestStatuses),
  content: changeRequestContent,
  contentDigest: z.string().describe('sha256 of the canonical JSON of the change'),
  deploymentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const approval = z.object({
  id: z.string(),
  requestId: z.string(),
  approver: z.string(),
  roles: z.array(z.string()),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().nullable(),
  contentDigest: z.string().describe('what the approver saw'),
  createdAt: z.string(),
});

export const changeRequestView = changeRequest.extend({ approvals: z.array(approval) });

export const changeRequestsQuery = z.strictObject({
  service: z.string().min(1).optional(),
  status: z.enum(changeRequestStatuses).optional(),
});

export const requestIdParams = z.strictObject({ id: z.string().min(1) });

export const decisionBody = z.strictObject({
  comment: z.string().max(4096).optional(),
  seenDigest: z
    .string()
    .optional()
    .describe('the content digest the approver read; refused when the request changed since'),
});

export const review = z.object({
  id: z.string(),
  deploymentId: z.string(),
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  team: z.string(),
  owner: z.string(),
  actor: z.string(),
  reason: z.string(),
  bypassed: z.array(z.string()),
  dueAt: z.string(),
  status: z.enum(reviewStatuses),
  summary: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  overdue: z.boolean(),
});

export const reviewsQuery = z.strictObject({
  status: z.enum(reviewStatuses).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  team: z.string().min(1).optional(),
  asOf: z.iso.datetime({ offset: true }).optional().describe('judge overdue at this instant'),
});

export const closeReviewBody = z.strictObject({ summary: z.string().trim().min(1).max(16384) });

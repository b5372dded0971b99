import { z } from 'zod';
import { checkStatuses, policyRules } from '@slipway/core';
import { policyDocumentSchema } from '@slipway/engine';

const name = z.string().trim().min(1);

export const policyDocument = policyDocumentSchema;

export const storedPolicy = z.object({
  version: z.number().int().describe('0: no policy stored, the lifecycle rules alone apply'),
  document: policyDocumentSchema,
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});

export const policyCheckQuery = z.strictObject({
  service: name,
  ref: name.describe('a release version, or an artifact digest (sha256:…)'),
  environment: name,
  strategy: name.optional(),
});

const window = z.object({ kind: z.enum(['dates', 'weekly']) }).loose();

const environmentPolicy = z.object({
  requiredChecks: z.array(z.string()),
  requiredApprovals: z.number().int(),
  approverRoles: z.array(z.string()).nullable(),
  freezeWindows: z.array(window),
  deployWindows: z.array(window),
  allowedStrategies: z.array(z.string()).nullable(),
  allowSkip: z.boolean().nullable(),
  autoDeploy: z.boolean(),
});

export const unmetRule = z.object({
  rule: z.enum(policyRules),
  reason: z.string(),
  bypassed: z.boolean().describe('break-glass let the deployment past this rule'),
});

export const checkResult = z.object({
  id: z.string(),
  releaseId: z.string(),
  service: z.string(),
  version: z.string(),
  name: z.string(),
  status: z.enum(checkStatuses),
  url: z.string().nullable(),
  details: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const policyEvaluation = z.object({
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  releaseId: z.string(),
  digests: z.array(z.string()),
  strategy: z.string(),
  policyVersion: z.number().int(),
  at: z.string(),
  ineligibleApprovers: z.array(z.string()),
  checks: z.array(checkResult),
  verdict: z.object({
    decision: z.enum(['allow', 'needs_approval', 'deny']),
    unmet: z.array(unmetRule),
    policy: environmentPolicy,
    allowSkip: z.boolean(),
    autoDeploy: z.boolean(),
    approvals: z.object({
      required: z.number().int(),
      counted: z.array(z.string()),
      ignored: z.array(z.object({ approver: z.string(), reason: z.string() })),
    }),
  }),
});

export const checkParams = z.strictObject({ service: name, ref: name });

export const newCheckBody = z.strictObject({
  name: name.max(100),
  status: z.enum(checkStatuses),
  url: z.string().max(4096).nullable().optional(),
  details: z.string().max(4096).nullable().optional(),
});

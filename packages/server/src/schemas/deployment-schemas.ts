import { z } from 'zod';
import { deploymentActions, deploymentStatuses } from '@slipway/engine';

const name = z.string().trim().min(1);

/** Most deployments one history page returns. */
const maxHistoryLimit = 1000;

/** Bypasses approvals and freeze windows (role `deployments.break-glass`); opens a review. */
const breakGlassBody = z
  .strictObject({ reason: z.string().trim().min(1).max(4096) })
  .describe('bypass approvals and freezes; recorded loudly, opens a post-release review');

const ciText = z.string().min(1).max(2048);

/** The CI run asking (see DeploymentCiContext); recorded as told, in the `started` event. */
const ciBody = z
  .strictObject({
    provider: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/)
      .describe('github-actions, gitlab-ci, buildkite, circleci, azure-pipelines, jenkins'),
    builderId: ciText,
    runId: ciText.nullable(),
    runUrl: ciText.regex(/^https?:\/\//).nullable(),
    actor: ciText.nullable(),
    commit: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i)
      .nullable(),
    ref: ciText.nullable(),
  })
  .describe('the CI run that asked for the deployment; absent outside CI');

export const deployBody = z.strictObject({
  service: name,
  environment: name,
  ref: name.describe('a release version of the service, or an artifact digest (sha256:…)'),
  strategy: name.optional(),
  awaitReport: z
    .boolean()
    .optional()
    .describe(
      'stay in_progress until CI reports the outcome; refused with a canary or blue-green rollout',
    ),
  requestId: name.optional().describe('the approved change request this deployment carries out'),
  breakGlass: breakGlassBody.optional(),
  ci: ciBody.optional(),
});

export const promoteBody = z.strictObject({
  service: name,
  from: name.describe('the environment whose digests are deployed'),
  to: name,
  awaitReport: z.boolean().optional(),
  breakGlass: breakGlassBody.optional(),
  ci: ciBody.optional(),
});

export const rollbackBody = z.strictObject({ service: name, environment: name });

export const rollbackPlanQuery = z.strictObject({
  service: name,
  environment: name,
  ref: name.optional().describe('the release about to be deployed; default what runs before'),
});

export const statusReportBody = z.strictObject({
  status: z.enum(['in_progress', 'succeeded', 'failed']),
  log: z.string().optional().describe('appended to the deployment’s logs'),
});

export const deploymentIdParams = z.strictObject({ id: z.string().min(1) });

export const statusQuery = z.strictObject({ service: name.optional() });

export const historyQuery = z.strictObject({
  environment: name.optional(),
  limit: z.coerce.number().int().min(1).max(maxHistoryLimit).optional().describe('default 50'),
});

const rollbackTarget = z.object({
  deploymentId: z.string(),
  version: z.string(),
  digests: z.array(z.string()),
});

export const rollbackPlan = z.object({
  service: z.string(),
  environment: z.string(),
  kind: z.enum(['rollback', 'roll-forward', 'none']),
  target: rollbackTarget.nullable(),
  steps: z.array(
    z.object({
      component: z.string(),
      action: z.enum(['redeploy', 'migrate-down', 'drain', 'restart', 'roll-forward']),
      description: z.string(),
      command: z.string().nullable(),
    }),
  ),
  command: z.string().nullable(),
  notes: z.array(z.string()),
});

export const deployment = z.object({
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  releaseId: z.string(),
  version: z.string(),
  digests: z.array(z.string()),
  action: z.enum(deploymentActions),
  sourceEnvironment: z.string().nullable(),
  strategy: z.string(),
  deployer: z.string(),
  status: z.enum(deploymentStatuses),
  actor: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  logs: z.string(),
  rollbackTarget: rollbackTarget.nullable(),
  rollbackCommand: z.string().nullable(),
  rollbackPlan,
});

export const statusView = z.object({
  services: z.array(
    z.object({
      name: z.string(),
      environments: z.record(
        z.string(),
        z.object({
          version: z.string(),
          digests: z.array(z.string()),
          deployedAt: z.string(),
          actor: z.string(),
        }),
      ),
    }),
  ),
});

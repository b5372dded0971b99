import { z } from 'zod';
import { rolloutStatuses } from '@slipway/engine';

/** Most rollouts one list returns. */
const maxRolloutLimit = 500;

const name = z.string().trim().min(1);

export const rolloutQuery = z.strictObject({
  service: name.optional(),
  environment: name.optional(),
  status: z.enum(rolloutStatuses).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxRolloutLimit)
    .optional()
    .describe('newest first; default 50'),
});

export const rolloutIdParams = z.strictObject({ id: z.string().min(1) });

export const promoteRolloutBody = z.strictObject({
  full: z
    .boolean()
    .optional()
    .describe('jump to 100% at once, skipping the remaining steps and analyses'),
});

export const abortRolloutBody = z.strictObject({
  reason: z.string().trim().min(1).max(4096).optional().describe('recorded in the ledger'),
});

/** retry, pause and resume take no fields; an empty object (or no body) is accepted. */
export const emptyRolloutBody = z.strictObject({});

const analysisRef = z.object({
  templates: z.array(z.string()),
  args: z.record(z.string(), z.string()).optional(),
});

const canaryStep = z.union([
  z.object({ setWeight: z.number() }),
  z.object({ pause: z.object({ seconds: z.number().optional() }) }),
  z.object({ analysis: analysisRef }),
]);

const strategy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all-at-once') }),
  z.object({
    kind: z.literal('canary'),
    steps: z.array(canaryStep),
    backgroundAnalysis: analysisRef.optional(),
  }),
  z.object({
    kind: z.literal('blue-green'),
    prePromotionAnalysis: analysisRef.optional(),
    postPromotionAnalysis: analysisRef.optional(),
    autoPromotionSeconds: z.number().optional(),
    scaleDownDelaySeconds: z.number().optional(),
  }),
]);

/** The declared spec, as stored with the rollout (see docs/rollouts.md for every field). */
const rolloutSpec = z.looseObject({
  strategy,
  trafficRouter: z.looseObject({ kind: z.enum(['nginx', 'flag', 'command']) }).optional(),
  templates: z
    .array(z.looseObject({ name: z.string(), metrics: z.array(z.looseObject({})) }))
    .optional(),
  args: z.record(z.string(), z.string()).optional(),
});

const analysisPhase = z.enum(['running', 'successful', 'failed', 'inconclusive', 'error']);

const measurement = z.object({
  metric: z.string(),
  phase: analysisPhase.exclude(['running']),
  value: z.unknown(),
  measuredAt: z.string(),
  message: z.string().optional(),
});

const judgement = z.object({
  metric: z.string(),
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  reason: z.string(),
  u: z.number(),
  z: z.number(),
  pValue: z.number(),
  estimate: z.number().describe('Hodges-Lehmann estimate of canary − baseline'),
  confidenceInterval: z.tuple([z.number(), z.number()]),
  effectSize: z.number().describe('rank-biserial correlation, −1 … 1'),
  canarySamples: z.array(z.number()),
  baselineSamples: z.array(z.number()),
});

const analysisRun = z.object({
  id: z.string(),
  rolloutId: z.string(),
  origin: z.string().describe('the step index, or background, pre-promotion, post-promotion'),
  templates: z.array(z.string()),
  phase: analysisPhase,
  measurements: z.array(measurement),
  judgements: z.array(judgement),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const rollout = z.object({
  id: z.string(),
  deploymentId: z.string(),
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  stableVersion: z.string().nullable(),
  spec: rolloutSpec,
  status: z.enum(rolloutStatuses),
  currentStep: z.number().int(),
  weight: z.number().describe('share of traffic on the new version, 0–100'),
  message: z.string().nullable(),
  nextActionAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  analysisRuns: z.array(analysisRun),
});

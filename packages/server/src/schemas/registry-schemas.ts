import { z } from 'zod';
import { componentKinds, rollbackBehaviours } from '@slipway/core';
import { artifactDigestSchema, artifactKinds } from '@slipway/engine';

export const artifact = z.object({
  digest: z.string(),
  name: z.string(),
  kind: z.enum(artifactKinds),
  size: z.number().int(),
  version: z.string().nullable(),
  service: z.string().nullable(),
  sourceCommit: z.string().nullable(),
  stored: z.boolean().describe('the bytes are in the blob store'),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const digestParams = z.strictObject({ digest: artifactDigestSchema });

export const artifactsQuery = z.strictObject({
  service: z.string().min(1).optional(),
  version: z.string().min(1).optional(),
});

export const uploadBody = z
  .string()
  .describe('the artifact’s bytes, streamed; they must hash to the digest in the path')
  .meta({ format: 'binary' });

export const releaseComponent = z.object({
  name: z.string(),
  kind: z.enum(componentKinds),
  rollback: z.enum(rollbackBehaviours),
  up: z.string().optional(),
  down: z.string().optional(),
  drain: z.string().optional(),
});

export const rollForwardPlan = z.object({ reason: z.string(), steps: z.array(z.string()) });

export const release = z.object({
  id: z.string(),
  service: z.string(),
  version: z.string(),
  tag: z.string().nullable(),
  commit: z.string().nullable(),
  notes: z.string().nullable(),
  artifacts: z.array(z.string()).describe('digests, in the order given'),
  components: z.array(releaseComponent),
  rollForward: rollForwardPlan.nullable(),
  firstCommitTime: z
    .string()
    .optional()
    .describe('when the oldest commit of the release was made (UTC); where DORA lead time starts'),
  fixes: z
    .string()
    .optional()
    .describe('the earlier version of the service this release fixes (a DORA change failure)'),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const serviceParams = z.strictObject({ service: z.string().min(1) });

export const releaseParams = z.strictObject({
  service: z.string().min(1),
  version: z.string().min(1),
});

import { z } from 'zod';

const jsonValue = z.json();
const flagMetadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const flagKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,255}$/, 'letters, digits and _ . : - only (1–255)');

export const flagScopeParams = z.strictObject({
  service: z.string().min(1),
  env: z.string().min(1),
});

export const flagParams = z.strictObject({
  service: z.string().min(1),
  env: z.string().min(1),
  key: flagKey,
});

const flagDefinition = z.object({
  state: z.enum(['ENABLED', 'DISABLED']),
  variants: z.record(z.string(), jsonValue),
  defaultVariant: z.string().nullable().optional(),
  targeting: jsonValue.optional(),
  metadata: flagMetadata.optional(),
});

/** Fields not given keep their value; a new flag needs state and variants. */
export const flagPatchBody = z.strictObject({
  state: z.enum(['ENABLED', 'DISABLED']).optional(),
  variants: z.record(z.string(), jsonValue).optional(),
  defaultVariant: z.string().nullable().optional().describe('null: the code default applies'),
  targeting: jsonValue.optional().describe('JSONLogic with flagd operators; null removes it'),
  metadata: flagMetadata.optional(),
});

export const rolloutBody = z.strictObject({
  percent: z.number().min(0).max(100).describe('share of users on the new variant'),
  variant: z.string().min(1).optional().describe('the new variant (first step only)'),
});

/** A flagd flag file; validated whole by the engine against the flagd schemas. */
export const flagFileBody = z
  .looseObject({ flags: z.record(z.string(), z.unknown()) })
  .describe('a flagd flag file (https://flagd.dev/schema/v0/flags.json)');

export const storedFlag = z.object({
  service: z.string(),
  env: z.string(),
  key: z.string(),
  version: z.number().int(),
  definition: flagDefinition,
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const flagVersion = z.object({
  service: z.string(),
  env: z.string(),
  key: z.string(),
  version: z.number().int(),
  definition: flagDefinition,
  change: z.enum(['set', 'import', 'kill', 'rollout']),
  actor: z.string(),
  time: z.string(),
});

export const flagImportReport = z.object({
  service: z.string(),
  env: z.string(),
  revision: z.number().int(),
  changed: z.array(z.string()),
  unchanged: z.array(z.string()),
});

export const flagSetExport = z.object({
  file: z.looseObject({ flags: z.record(z.string(), flagDefinition) }),
  revision: z.number().int(),
  etag: z.string(),
});

export const flagClientKeyBody = flagScopeParams;
export const flagClientKeyParams = z.strictObject({ id: z.string().min(1) });

export const flagClientKey = z.object({
  id: z.string(),
  prefix: z.string(),
  service: z.string(),
  env: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const createdFlagClientKey = z.object({
  key: flagClientKey,
  secret: z.string().describe('shown once; send as X-API-Key or Bearer to /ofrep/v1'),
});

const rampStep = z.strictObject({
  percent: z.number().min(0).max(100),
  at: z.string().min(1).describe('ISO 8601 date and time'),
});

export const rampBody = z.strictObject({
  variant: z.string().min(1).describe('the new variant; the default variant is the old one'),
  steps: z.array(rampStep).min(1).describe('in time order, percentages never lower'),
});

export const flagRampParams = z.strictObject({ id: z.string().min(1) });

export const flagRamp = z.object({
  id: z.string(),
  service: z.string(),
  env: z.string(),
  key: z.string(),
  variant: z.string(),
  steps: z.array(z.object({ percent: z.number(), at: z.string() })),
  nextStep: z.number().int(),
  status: z.enum(['active', 'done', 'cancelled', 'failed']),
  lastError: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const staleFlagsParams = z.strictObject({ service: z.string().min(1) });
export const staleFlagsQuery = z.strictObject({
  days: z.coerce.number().min(0).default(30).describe('unchanged for at least this many days'),
});

export const staleFlag = z.object({
  service: z.string(),
  key: z.string(),
  serves: z
    .record(z.string(), z.string().nullable())
    .describe('per environment; null: code default'),
  unchangedSince: z.string(),
});

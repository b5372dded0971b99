import { z } from 'zod';
import { riskTiers, serviceKinds } from '@slipway/engine';

/** Request bodies are the engine's own schemas (see catalog routes); these describe answers. */
const deployerConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record') }),
  z.object({
    kind: z.literal('command'),
    command: z.array(z.string()),
    timeoutSeconds: z.number().int().optional(),
    cwd: z.string().optional(),
  }),
  z.object({
    kind: z.literal('argo-rollouts'),
    image: z.string().optional(),
    namespace: z.string().optional(),
    replicas: z.number().int().optional(),
    containerPort: z.number().int().optional(),
    services: z
      .object({
        active: z.string().optional(),
        preview: z.string().optional(),
        stable: z.string().optional(),
        canary: z.string().optional(),
      })
      .optional(),
    kubectl: z.array(z.string()).optional(),
    manifestDir: z.string().optional(),
    timeoutSeconds: z.number().int().optional(),
  }),
]);

/** A rollout spec as parsed when it was set; docs/rollouts.md describes every field. */
const serviceRolloutSpec = z.looseObject({
  strategy: z.looseObject({ kind: z.enum(['all-at-once', 'canary', 'blue-green']) }),
});

const serviceRollouts = z.object({
  default: serviceRolloutSpec.optional(),
  environments: z
    .record(z.string(), serviceRolloutSpec)
    .optional()
    .describe('environment → its own spec, instead of the default'),
});

export const service = z.object({
  name: z.string(),
  owner: z.string().nullable(),
  repository: z.string().nullable(),
  kind: z.enum(serviceKinds),
  riskTier: z.enum(riskTiers),
  lifecycle: z.array(z.string()).describe('environments in promotion order'),
  entityRef: z.string().nullable(),
  stage: z.string().nullable(),
  deployer: deployerConfig.nullable().describe('null: record (CI deploys and reports)'),
  allowSkip: z.boolean(),
  rollout: serviceRollouts.nullable().describe('null: every environment deploys all at once'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const serviceNameParams = z.strictObject({ name: z.string().min(1) });

export const servicesQuery = z.strictObject({
  owner: z.string().min(1).optional(),
  tier: z.enum(riskTiers).optional(),
  search: z.string().optional().describe('case-insensitive part of name, owner or repository'),
});

export const catalogImportBody = z.strictObject({
  files: z
    .array(
      z.strictObject({
        file: z.string().min(1).describe('named in findings; not read'),
        text: z.string().describe('the catalog-info.yaml text (several documents allowed)'),
      }),
    )
    .min(1),
});

const location = { file: z.string(), document: z.number().int() };

export const catalogImportReport = z.object({
  applied: z.boolean().describe('false when any error was found: then nothing was written'),
  added: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  skipped: z.array(
    z.object({ ...location, kind: z.string(), name: z.string(), reason: z.string() }),
  ),
  errors: z.array(z.object({ ...location, field: z.string(), message: z.string() })),
});

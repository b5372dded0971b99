import { z } from 'zod';
import { SlipwayError } from '@slipway/core';
import { parseServiceRollouts } from '../rollouts/service-rollouts.js';
import { riskTiers, serviceKinds } from './service-record.js';
import type { NewService, ServicePatch } from './service-record.js';

/** Backstage's entity name rule, so an imported component name is always a valid service name. */
export const serviceNamePattern = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
export const environmentNamePattern = /^[a-z][a-z0-9-]*$/;

export const serviceNameSchema = z
  .string()
  .max(63, 'at most 63 characters')
  .regex(serviceNamePattern, 'letters and digits, separated by single - _ or .');

export const lifecycleSchema = z
  .array(
    z
      .string()
      .regex(environmentNamePattern, 'environment names are lower-case letters, digits and -'),
  )
  .min(1, 'a lifecycle needs at least one environment')
  .refine((names) => new Set(names).size === names.length, 'an environment appears twice');

const text = z.string().trim().min(1, 'must not be empty');

/** argv run without a shell, so the program is the first element. */
const argv = z
  .array(z.string().min(1, 'argv elements must not be empty'))
  .min(1, 'a command is a non-empty argv array');

const timeoutSeconds = z
  .number()
  .int('whole seconds')
  .min(1, 'at least 1 second')
  .max(86_400, 'at most 86400 seconds (a day)');

/** A Kubernetes object name (RFC 1123 label), as namespaces and Services have. */
const kubernetesName = z
  .string()
  .max(63, 'at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'lower-case letters, digits and -');

/** See ArgoRolloutsDeployerConfig (deployments/deployer.ts). */
const argoRolloutsDeployerSchema = z
  .object({
    kind: z.literal('argo-rollouts'),
    image: text.optional(),
    namespace: kubernetesName.optional(),
    replicas: z.number().int('a whole number').min(0, 'at least 0').max(10_000).optional(),
    containerPort: z.number().int('a whole number').min(1).max(65_535).optional(),
    services: z
      .object({
        active: kubernetesName.optional(),
        preview: kubernetesName.optional(),
        stable: kubernetesName.optional(),
        canary: kubernetesName.optional(),
      })
      .strict()
      .optional(),
    kubectl: argv.optional(),
    manifestDir: text.optional(),
    timeoutSeconds: timeoutSeconds.optional(),
  })
  .strict();

export const deployerConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record') }).strict(),
  z
    .object({
      kind: z.literal('command'),
      command: argv,
      timeoutSeconds: timeoutSeconds.optional(),
      cwd: text.optional(),
    })
    .strict(),
  argoRolloutsDeployerSchema,
]);

export const servicePatchSchema = z.object({
  owner: text.nullable().optional(),
  repository: text.nullable().optional(),
  kind: z.enum(serviceKinds, `must be one of ${serviceKinds.join(', ')}`).optional(),
  riskTier: z.enum(riskTiers, `must be one of ${riskTiers.join(', ')}`).optional(),
  lifecycle: lifecycleSchema.optional(),
  deployer: deployerConfigSchema.nullable().optional(),
  allowSkip: z.boolean('must be true or false').optional(),
  // Checked whole by parseServiceRollouts (the rollout spec parser names each field).
  rollout: z.unknown().optional(),
});

export const newServiceSchema = servicePatchSchema.extend({ name: serviceNameSchema });

/** Validates with the schema; the first issue becomes a USAGE error naming the field. */
export function parseServiceInput(input: NewService): NewService;
export function parseServiceInput(input: ServicePatch, patch: true): ServicePatch;
export function parseServiceInput(
  input: NewService | ServicePatch,
  patch?: true,
): NewService | ServicePatch {
  const result = (patch === true ? servicePatchSchema : newServiceSchema).safeParse(input);
  // Zod's optional keys may hold undefined; callers treat undefined as "not given".
  if (result.success) {
    const data = result.data as NewService | ServicePatch;
    const rollout = (input as { rollout?: unknown }).rollout;
    if (rollout === undefined || rollout === null) return data;
    return { ...data, rollout: parseServiceRollouts(rollout) };
  }
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  throw new SlipwayError('USAGE', `invalid service ${field}: ${issue?.message ?? 'invalid'}`, {
    subject: field,
  });
}

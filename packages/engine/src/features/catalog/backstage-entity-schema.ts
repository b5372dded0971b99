import { z } from 'zod';
import { serviceNamePattern } from './service-fields-schema.js';

/** Any Backstage entity: enough to name it when it is skipped. */
export const backstageEntitySchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.object({ name: z.string().min(1) }),
});

const annotationsSchema = z.record(z.string(), z.string());

/** A `kind: Component` entity: the fields the catalog reads; other fields pass unread. */
export const backstageComponentSchema = z.object({
  apiVersion: z.string().regex(/^backstage\.io\//, 'must be backstage.io/<version>'),
  kind: z.literal('Component'),
  metadata: z.object({
    name: z
      .string()
      .max(63, 'at most 63 characters')
      .regex(serviceNamePattern, 'letters and digits, separated by single - _ or .'),
    namespace: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and -')
      .optional(),
    annotations: annotationsSchema.optional(),
  }),
  spec: z.object({
    type: z.string().min(1, 'must not be empty'),
    lifecycle: z.string().min(1, 'must not be empty'),
    owner: z.string().min(1, 'must not be empty'),
  }),
});

export type BackstageComponent = z.infer<typeof backstageComponentSchema>;

/** Our annotations on a Component; Backstage passes them through untouched. */
export const riskTierAnnotation = 'slipway.dev/risk-tier';
export const lifecycleAnnotation = 'slipway.dev/lifecycle';

import { z } from 'zod';

export const packageParams = z.strictObject({
  project: z.string().min(1).max(255).describe('the project name (any spelling)'),
});

export const yankBody = z.strictObject({
  target: z.string().min(1).max(255).describe('a version (all its files) or one file name'),
  reason: z.string().max(500).optional().describe('PEP 592: shown to installers'),
});

export const unyankBody = yankBody.pick({ target: true });

export const packageFile = z.object({
  filename: z.string(),
  project: z.string(),
  version: z.string(),
  kind: z.string(),
  digest: z.string(),
  size: z.number().int(),
  requiresPython: z.string().nullable(),
  metadataDigest: z.string().nullable(),
  yanked: z.union([z.literal(false), z.string()]).describe('false, or the reason (may be empty)'),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});

import { z } from 'zod';

export const evidenceUploadBody = z
  .string()
  .describe(
    'the release’s evidence bundle as one POSIX tar (`slipway evidence export --out <file>.tar`), streamed',
  )
  .meta({ format: 'binary' });

export const storedEvidence = z.object({
  releaseId: z.string(),
  service: z.string(),
  version: z.string(),
  digest: z.string().describe('sha256 of the tar bytes'),
  size: z.number().int(),
  manifest: z
    .record(z.string(), z.unknown())
    .describe('the bundle’s manifest.json (https://slipway.dev/evidence-bundle/v1)'),
  keyId: z.string().describe('the trusted key the bundle verified with'),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});

export const evidenceCheck = z.object({
  name: z.enum(['provenance', 'sbom']),
  status: z.enum(['passed', 'failed']),
  details: z.string(),
});

export const evidenceUpload = z.object({
  evidence: storedEvidence,
  checks: z.array(evidenceCheck),
});

export const evidenceBundle = storedEvidence.extend({
  content: z.string().describe('the tar bytes, base64'),
});

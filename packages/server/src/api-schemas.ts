import { z } from 'zod';
import { maxLedgerPageLimit } from '@slipway/engine';
import { roles } from '@slipway/core';

/** One schema per request and response shape: it validates, types and documents (OpenAPI). */
export const ledgerEventsQuery = z.strictObject({
  subject: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
  since: z.string().min(1).optional().describe('inclusive, ISO 8601'),
  until: z.string().min(1).optional().describe('exclusive, ISO 8601'),
  limit: z.coerce.number().int().min(1).max(maxLedgerPageLimit).optional(),
  after: z.coerce.number().int().min(0).optional().describe('a page’s nextAfter'),
});

const jsonValue = z.json();

export const ledgerEvent = z.object({
  id: z.string(),
  sequence: z.number().int(),
  type: z.string(),
  subject: z.string(),
  actor: z.string(),
  time: z.string(),
  payload: jsonValue,
  previousHash: z.string(),
  hash: z.string(),
});

export const ledgerPage = z.object({
  events: z.array(ledgerEvent),
  nextAfter: z.number().int().nullable(),
});

export const ledgerVerification = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  firstBroken: z
    .object({
      sequence: z.number().int(),
      id: z.string().nullable(),
      reason: z.string(),
      detail: z.string(),
    })
    .nullable(),
});

const names = z.array(z.string().trim().min(1)).min(1);

export const createTokenBody = z.strictObject({
  role: z.enum(roles),
  services: names.optional().describe('limit the token to these services'),
  environments: names.optional().describe('limit the token to these environments'),
  person: z
    .string()
    .trim()
    .min(1)
    .max(400)
    .optional()
    .describe('the person it is issued to, "Name <email>" or "email": its requests act as them'),
});

export const tokenIdParams = z.strictObject({ id: z.string().min(1) });

export const apiToken = z.object({
  id: z.string(),
  prefix: z.string(),
  role: z.enum(roles),
  services: z.array(z.string()).nullable(),
  environments: z.array(z.string()).nullable(),
  createdBy: z.string(),
  person: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const createdToken = z.object({
  token: apiToken,
  secret: z.string().describe('shown once; only its hash is stored'),
});

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

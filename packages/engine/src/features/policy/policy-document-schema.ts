import { z } from 'zod';
import type { PolicyDocument, PolicyWindow } from '@slipway/core';
import {
  SlipwayError,
  checkStatuses,
  policyRiskTiers,
  weekdays,
  windowProblems,
} from '@slipway/core';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

const weeklyPoint = z.object({ day: z.enum(weekdays), time: z.string() }).strict();

const windowSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('dates'),
      from: z.string(),
      to: z.string(),
      timeZone: z.string(),
      name: name.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('weekly'),
      from: weeklyPoint,
      to: weeklyPoint,
      timeZone: z.string(),
      name: name.optional(),
    })
    .strict(),
]);

const rulesSchema = z
  .object({
    requiredChecks: z.array(name).optional(),
    requiredApprovals: z.number().int('a whole number').min(0).max(10).optional(),
    approverRoles: z.array(name).min(1).nullable().optional(),
    freezeWindows: z.array(windowSchema).optional(),
    deployWindows: z.array(windowSchema).optional(),
    allowedStrategies: z.array(name).nullable().optional(),
    allowSkip: z.boolean().nullable().optional(),
    autoDeploy: z.boolean().optional(),
  })
  .strict();

export const policyDocumentSchema = z
  .object({
    overrides: z.array(
      z
        .object({
          tier: z.enum(policyRiskTiers).optional(),
          service: name.optional(),
          environment: name.optional(),
          rules: rulesSchema,
        })
        .strict(),
    ),
    breakGlass: z
      .object({
        reviewDueHours: z
          .number()
          .positive('more than 0 hours')
          .max(24 * 90)
          .optional(),
        blockWhenOverdue: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const checkStatusSchema = z.enum(checkStatuses);

/**
 * Validates a policy document (from a file or the API): the schema first, then what a schema
 * cannot say (known time zones, well-formed times). Every problem is listed, each with its path.
 */
export function parsePolicyDocument(input: unknown): PolicyDocument {
  const result = policyDocumentSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`,
    );
    throw invalid(problems);
  }
  const problems: string[] = [];
  result.data.overrides.forEach((override, index) => {
    for (const kind of ['freezeWindows', 'deployWindows'] as const) {
      override.rules[kind]?.forEach((window, at) => {
        problems.push(
          ...windowProblems(window as PolicyWindow, `overrides.${index}.rules.${kind}.${at}`),
        );
      });
    }
  });
  if (problems.length > 0) throw invalid(problems);
  // Zod's optional keys may hold undefined; the resolver skips undefined values.
  return result.data as PolicyDocument;
}

function invalid(problems: readonly string[]): SlipwayError {
  return new SlipwayError('USAGE', `invalid policy: ${problems.join('; ')}`, {
    subject: problems[0]?.split(':')[0] ?? 'policy',
  });
}

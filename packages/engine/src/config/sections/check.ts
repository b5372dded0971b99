import * as z from 'zod';
import type { GuardrailRule, TogetherRule } from '@slipway/core';
import { guardrailRules } from '@slipway/core';

const nonEmpty = z.string().trim().min(1, { error: 'must not be empty' });
const commitType = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, { error: 'must be a lower-case commit type such as "feat"' });
const branchPattern = z
  .string()
  .regex(/^\S+$/, { error: 'must be a branch name or glob without spaces' });
const positive = z.number().positive({ error: 'must be greater than 0' });
const count = z
  .number()
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be 0 or more' });

const togetherSchema = z.strictObject({
  name: nonEmpty,
  when: z.array(nonEmpty).min(1, { error: 'must list at least one path glob' }),
  require: z.array(nonEmpty).min(1, { error: 'must list at least one path glob' }),
});

/** The types of the Conventional Commits specification and the Angular convention it came from. */
export const DEFAULT_CHECK_TYPES: readonly string[] = [
  'feat',
  'fix',
  'docs',
  'style',
  'refactor',
  'perf',
  'test',
  'build',
  'ci',
  'chore',
  'revert',
];

/**
 * `[check]`: the guardrails `slipway check` applies to a range of commits (a pull request or a
 * push): commit messages, signatures, how long and how far a branch lives, files that change
 * together, and release branches.
 */
export const checkSectionSchema = z.strictObject({
  /** The trunk the range is compared with; default `main`. */
  base: nonEmpty.optional(),
  conventional: z.boolean().optional(),
  types: z.array(commitType).min(1, { error: 'must list at least one type' }).optional(),
  signed: z.boolean().optional(),
  /** A GnuPG home directory whose public keys are the allowed signers. */
  'gpg-home': nonEmpty.optional(),
  /** An SSH allowed-signers file (`ssh-keygen -Y verify` format). */
  'allowed-signers': nonEmpty.optional(),
  'max-branch-age-hours': positive.optional(),
  'max-ahead': count.optional(),
  'max-behind': count.optional(),
  together: z
    .array(togetherSchema)
    .refine((list) => new Set(list.map((rule) => rule.name)).size === list.length, {
      error: 'rule names must be unique',
    })
    .optional(),
  'release-branches': z.array(branchPattern).optional(),
  'release-window-days': positive.optional(),
  /** Rules whose findings are warnings, not failures. */
  warn: z.array(z.enum(guardrailRules)).optional(),
});

export type CheckSection = z.output<typeof checkSectionSchema>;

export interface CheckConfig {
  readonly base: string;
  readonly conventional: boolean;
  readonly types: readonly string[];
  readonly signed: boolean;
  /** Relative paths are resolved against the project directory by the check service. */
  readonly gpgHome: string | null;
  readonly allowedSigners: string | null;
  readonly maxBranchAgeHours: number | null;
  readonly maxAhead: number | null;
  readonly maxBehind: number | null;
  readonly together: readonly TogetherRule[];
  readonly releaseBranches: readonly string[];
  readonly releaseWindowDays: number | null;
  readonly warn: readonly GuardrailRule[];
}

export function checkConfig(section: CheckSection | undefined): CheckConfig {
  return {
    base: section?.base ?? 'main',
    conventional: section?.conventional ?? true,
    types: section?.types ?? DEFAULT_CHECK_TYPES,
    signed: section?.signed ?? false,
    gpgHome: section?.['gpg-home'] ?? null,
    allowedSigners: section?.['allowed-signers'] ?? null,
    maxBranchAgeHours: section?.['max-branch-age-hours'] ?? null,
    maxAhead: section?.['max-ahead'] ?? null,
    maxBehind: section?.['max-behind'] ?? null,
    together: section?.together ?? [],
    releaseBranches: section?.['release-branches'] ?? [],
    releaseWindowDays: section?.['release-window-days'] ?? null,
    warn: section?.warn ?? [],
  };
}

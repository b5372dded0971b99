import * as z from 'zod';

/**
 * `[fragments]` in slipway.toml (or `[tool.slipway.fragments]`): Slipway's own settings for
 * news fragments, used when the project has no `[tool.towncrier]`. With towncrier config,
 * only `types` applies (the bump of each towncrier type); towncrier owns the rest.
 */
const fragmentTypeKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be a fragment type such as "feature"' });

const fragmentBump = z.enum(['major', 'minor', 'patch', 'none']);

const fragmentTypeTable = z.strictObject({
  bump: fragmentBump.optional(),
  title: z.string().min(1, { error: 'must not be empty' }).optional(),
  'show-content': z.boolean().optional(),
});

export const fragmentsSectionSchema = z.strictObject({
  /** Relative to the project root; default `newsfragments`, towncrier's default. */
  directory: z.string().min(1, { error: 'must not be empty' }).optional(),
  /** `feature = "minor"`, or a table `{ bump = "minor", title = "Features", show-content = true }`. */
  types: z.record(fragmentTypeKey, z.union([fragmentBump, fragmentTypeTable])).optional(),
  /** Prefix of orphan fragments without an issue; towncrier's default `+`. */
  'orphan-prefix': z.string().min(1, { error: 'must not be empty' }).optional(),
});

export type FragmentsSection = z.output<typeof fragmentsSectionSchema>;

/** The keys of the section, for "did you mean" hints. */
export const fragmentsSectionKeys: readonly string[] = ['directory', 'types', 'orphan-prefix'];

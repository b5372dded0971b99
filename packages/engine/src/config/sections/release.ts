import * as z from 'zod';

/** `[changelog]`: the Keep a Changelog file `version` and `release` update. */
export const changelogSectionSchema = z.strictObject({
  enabled: z.boolean().optional(),
  file: z
    .string()
    .min(1, { error: 'must not be empty' })
    .refine((path) => !path.startsWith('/') && !path.split(/[\\/]/).includes('..'), {
      error: 'must be a path inside the repository',
    })
    .optional(),
  /** Insert new sections right after this line (towncrier and python-semantic-release habit). */
  marker: z.string().min(1, { error: 'must not be empty' }).optional(),
});

/** `[release]`: how `release` and `release-pr` commit, tag and push. */
export const releaseSectionSchema = z.strictObject({
  'commit-message': z
    .string()
    .refine((value) => value.includes('{version}'), { error: 'must contain {version}' })
    .optional(),
  remote: z.string().min(1, { error: 'must not be empty' }).optional(),
  'pr-branch': z
    .string()
    .refine((value) => value.includes('{name}'), { error: 'must contain {name}' })
    .optional(),
  'pr-labels': z.array(z.string().min(1, { error: 'must not be empty' })).optional(),
});

export interface ChangelogConfig {
  readonly enabled: boolean;
  readonly file: string;
  readonly marker: string | null;
}

export interface ReleaseConfig {
  readonly commitMessage: string;
  readonly remote: string;
  readonly prBranch: string;
  readonly prLabels: readonly string[];
}

export function changelogConfig(
  section: z.output<typeof changelogSectionSchema> | undefined,
): ChangelogConfig {
  return {
    enabled: section?.enabled ?? true,
    file: section?.file ?? 'CHANGELOG.md',
    marker: section?.marker ?? null,
  };
}

export function releaseConfig(
  section: z.output<typeof releaseSectionSchema> | undefined,
): ReleaseConfig {
  return {
    commitMessage: section?.['commit-message'] ?? 'chore(release): {version}',
    remote: section?.remote ?? 'origin',
    prBranch: section?.['pr-branch'] ?? 'slipway/release-{name}',
    prLabels: section?.['pr-labels'] ?? ['autorelease: pending'],
  };
}

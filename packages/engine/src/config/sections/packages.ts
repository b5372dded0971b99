import * as z from 'zod';
import type { SchemeName } from '@slipway/core';
import type { VersionFileConfig } from './version-files.js';
import { versionFilesKeys } from './version-files.js';

const insideRepository = z
  .string()
  .min(1, { error: 'must not be empty' })
  .refine((path) => !/^(?:[\\/]|[A-Za-z]:)/.test(path) && !path.split(/[\\/]/).includes('..'), {
    error: 'must be a path inside the repository (relative, no "..")',
  });

/** `[packages.<key>]`: one package of a monorepo. Unset keys inherit the top level's. */
export const packageSectionSchema = z.strictObject({
  path: insideRepository,
  name: z.string().min(1, { error: 'must not be empty' }).optional(),
  scheme: z.enum(['pep440', 'semver']).optional(),
  'tag-format': z
    .string()
    .refine((value) => value.includes('{version}'), { error: 'must contain {version}' })
    .optional(),
  'first-release': z.string().min(1, { error: 'must not be empty' }).optional(),
  changelog: insideRepository.optional(),
  /** Internal dependencies besides those read from pyproject.toml / package.json. */
  'depends-on': z.array(z.string().min(1, { error: 'must not be empty' })).optional(),
  ...versionFilesKeys,
});

/** `[monorepo]`: what a package's release does to the packages that depend on it. */
export const monorepoSectionSchema = z.strictObject({
  'update-dependents': z.boolean().optional(),
  'dependent-bump': z.enum(['patch', 'minor', 'none']).optional(),
});

export interface PackageSettings {
  readonly key: string;
  readonly path: string;
  readonly name: string | null;
  readonly scheme: SchemeName | null;
  readonly tagFormat: string;
  readonly firstRelease: string | null;
  readonly changelog: string;
  readonly dependsOn: readonly string[];
  readonly versionFiles: readonly VersionFileConfig[];
  readonly detectVersionFiles: boolean;
}

export interface MonorepoConfig {
  readonly updateDependents: boolean;
  readonly dependentBump: 'patch' | 'minor' | 'none';
}

export function packageSettings(
  sections: Readonly<Record<string, z.output<typeof packageSectionSchema>>> | undefined,
): PackageSettings[] {
  return Object.entries(sections ?? {}).map(([key, section]) => {
    const path = section.path.replace(/\/+$/, '') || '.';
    return {
      key,
      path,
      name: section.name ?? null,
      scheme: section.scheme ?? null,
      tagFormat: section['tag-format'] ?? '{name}-v{version}',
      firstRelease: section['first-release'] ?? null,
      changelog: section.changelog ?? (path === '.' ? 'CHANGELOG.md' : `${path}/CHANGELOG.md`),
      dependsOn: section['depends-on'] ?? [],
      versionFiles: (section['version-files'] ?? []).map((entry): VersionFileConfig =>
        typeof entry === 'string' ? { path: entry } : entry,
      ),
      detectVersionFiles: section['detect-version-files'] ?? true,
    };
  });
}

export function monorepoConfig(
  section: z.output<typeof monorepoSectionSchema> | undefined,
): MonorepoConfig {
  return {
    updateDependents: section?.['update-dependents'] ?? true,
    dependentBump: section?.['dependent-bump'] ?? 'patch',
  };
}

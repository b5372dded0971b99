import type { BumpLevel, ForgeKind, LinkTemplates, NotesConfig, SchemeName } from '@slipway/core';
import { defaultNotesConfig } from '@slipway/core';
import * as z from 'zod';
import {
  changelogConfig,
  changelogSectionSchema,
  releaseConfig,
  releaseSectionSchema,
} from './sections/release.js';
import { fragmentsSectionSchema } from './sections/fragments.js';
import { deployConfig, deploySectionSchema } from './sections/deploy.js';
import { checkConfig, checkSectionSchema } from './sections/check.js';
import {
  monorepoConfig,
  monorepoSectionSchema,
  packageSectionSchema,
  packageSettings,
} from './sections/packages.js';
import type { VersionFileConfig } from './sections/version-files.js';
import { versionFilesKeys } from './sections/version-files.js';

/**
 * The configuration file's shape, in TOML's kebab-case keys. One schema gives both the
 * validation and (through the transform below) the camelCase `SlipwayConfig` type.
 */
const commitType = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, { error: 'must be a lower-case commit type such as "feat"' });

const branchPattern = z
  .string()
  .regex(/^\S+$/, { error: 'must be a branch name or glob without spaces' });

const prereleaseId = z
  .string()
  .regex(/^[0-9A-Za-z-]+$/, { error: 'must be a pre-release identifier such as "beta"' })
  .refine((id) => !/^\d+$/.test(id), { error: 'must not be a number' });

const template = (...placeholders: string[]) =>
  z.string().refine((value) => placeholders.every((name) => value.includes(`{${name}}`)), {
    error: `must contain ${placeholders.map((name) => `{${name}}`).join(' and ')}`,
  });

const tagFormat = z
  .string()
  .refine((value) => value.includes('{version}'), { error: 'must contain {version}' })
  .refine(
    (value) => (value.match(/\{[^}]*\}/g) ?? []).every((p) => p === '{version}' || p === '{name}'),
    {
      error: 'may only use the placeholders {version} and {name}',
    },
  )
  .refine(
    (value) => isValidTagName(value.replaceAll('{version}', '1.0.0').replaceAll('{name}', 'pkg')),
    {
      error: 'does not make a valid git tag name',
    },
  );

const issuePattern = z.string().superRefine((source, context) => {
  const problem = regexProblem(source);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
});

const notesSection = z
  .strictObject({
    type: commitType.optional(),
    types: z.array(commitType).min(1, { error: 'must list at least one type' }).optional(),
    title: z.string().min(1, { error: 'must not be empty' }),
  })
  .refine((section) => (section.type === undefined) !== (section.types === undefined), {
    error: 'needs exactly one of "type" or "types"',
  });

const bumpValue = z.enum(['major', 'minor', 'patch', 'none']);
const forgeKind = z.enum(['github', 'gitlab', 'gitea', 'bitbucket']);

export const slipwayConfigFileSchema = z.strictObject({
  name: z.string().min(1, { error: 'must not be empty' }).optional(),
  scheme: z.enum(['pep440', 'semver']).optional(),
  'tag-format': tagFormat.optional(),
  // Checked against the resolved scheme in loadConfig: the scheme may come from detection.
  'first-release': z.string().min(1, { error: 'must not be empty' }).optional(),
  'first-parent': z.boolean().optional(),
  'issue-patterns': z.array(issuePattern).optional(),
  bump: z.record(commitType, bumpValue).optional(),
  'pre-major': z
    .strictObject({
      breaking: z.enum(['minor', 'major']).optional(),
      feat: z.enum(['minor', 'patch']).optional(),
    })
    .optional(),
  branches: z
    .strictObject({
      release: z.array(branchPattern).optional(),
      channels: z.record(branchPattern, prereleaseId).optional(),
      maintenance: z.array(branchPattern).optional(),
    })
    .optional(),
  notes: z
    .strictObject({
      sections: z.array(notesSection).optional(),
      hidden: z.array(commitType).optional(),
      'breaking-title': z.string().min(1, { error: 'must not be empty' }).optional(),
      'show-other': z.boolean().optional(),
      contributors: z.boolean().optional(),
    })
    .optional(),
  links: z
    .strictObject({
      enabled: z.boolean().optional(),
      forge: forgeKind.optional(),
      'repository-url': z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      commit: template('sha').optional(),
      'pull-request': template('number').optional(),
      'merge-request': template('number').optional(),
      issue: template('id').optional(),
      compare: template('previous', 'current').optional(),
      'key-issue': template('id').optional(),
    })
    .optional(),
  ...versionFilesKeys,
  changelog: changelogSectionSchema.optional(),
  release: releaseSectionSchema.optional(),
  /** Read by loadFragmentConfig (with or without towncrier); validated here with the rest. */
  fragments: fragmentsSectionSchema.optional(),
  packages: z
    .record(
      z.string().regex(/^[A-Za-z0-9._-]+$/, { error: 'must be a package key such as "api"' }),
      packageSectionSchema,
    )
    .optional(),
  monorepo: monorepoSectionSchema.optional(),
  deploy: deploySectionSchema.optional(),
  check: checkSectionSchema.optional(),
});

export type SlipwayConfigFile = z.input<typeof slipwayConfigFileSchema>;

/** `[links]`: each template present only when configured; it replaces the forge's. */
export interface LinksConfig extends Partial<LinkTemplates> {
  /** False turns every link off. */
  readonly enabled: boolean;
  /** Overrides detection from the remote's host. */
  readonly forge?: ForgeKind;
}

export const DEFAULT_BUMPS: Readonly<Record<string, BumpLevel | 'none'>> = {
  feat: 'minor',
  fix: 'patch',
  perf: 'patch',
  revert: 'patch',
};

export const slipwayConfigSchema = slipwayConfigFileSchema.transform((file) => {
  const branches = file.branches ?? {};
  const notes = file.notes ?? {};
  const links = file.links ?? {};
  const notesConfig: NotesConfig = {
    sections:
      notes.sections?.map((section) => ({
        types: section.types ?? (section.type === undefined ? [] : [section.type]),
        title: section.title,
      })) ?? defaultNotesConfig.sections,
    hidden: notes.hidden ?? defaultNotesConfig.hidden,
    breakingTitle: notes['breaking-title'] ?? defaultNotesConfig.breakingTitle,
    showOther: notes['show-other'] ?? defaultNotesConfig.showOther,
    contributors: notes.contributors ?? defaultNotesConfig.contributors,
  };
  const linksConfig: LinksConfig = {
    enabled: links.enabled ?? true,
    ...withoutUndefined({
      forge: links.forge,
      repositoryUrl: links['repository-url']?.replace(/\/+$/, ''),
      commit: links.commit,
      pullRequest: links['pull-request'],
      mergeRequest: links['merge-request'],
      issue: links.issue,
      compare: links.compare,
      keyIssue: links['key-issue'],
    }),
  };
  return {
    /** Null: detect from the project files (see `loadConfig`). */
    name: file.name ?? null,
    /** Null: detect from the project files (see `loadConfig`). */
    scheme: (file.scheme ?? null) as SchemeName | null,
    tagFormat: file['tag-format'] ?? 'v{version}',
    firstRelease: file['first-release'] ?? '0.1.0',
    firstParent: file['first-parent'] ?? false,
    issuePatterns: file['issue-patterns'] ?? [],
    bump: { ...DEFAULT_BUMPS, ...file.bump },
    preMajor: {
      breaking: file['pre-major']?.breaking ?? 'minor',
      feat: file['pre-major']?.feat ?? 'minor',
    },
    branches: {
      release: branches.release ?? ['main', 'master'],
      channels: branches.channels ?? { next: 'rc', beta: 'beta', alpha: 'alpha' },
      maintenance: branches.maintenance ?? ['*.x', '*.*.x'],
    },
    notes: notesConfig,
    links: linksConfig,
    versionFiles: (file['version-files'] ?? []).map((entry): VersionFileConfig =>
      typeof entry === 'string' ? { path: entry } : entry,
    ),
    detectVersionFiles: file['detect-version-files'] ?? true,
    changelog: changelogConfig(file.changelog),
    release: releaseConfig(file.release),
    /** Empty for a single-package repository. */
    packages: packageSettings(file.packages),
    monorepo: monorepoConfig(file.monorepo),
    deploy: deployConfig(file.deploy),
    check: checkConfig(file.check),
  };
});

/** The schema's output: `name` and `scheme` may still be null (undetected). */
export type ParsedSlipwayConfig = z.output<typeof slipwayConfigSchema>;

/** The configuration with every default applied, detection included. */
export type SlipwayConfig = Omit<ParsedSlipwayConfig, 'name' | 'scheme'> & {
  readonly name: string;
  readonly scheme: SchemeName;
};

// exactOptionalPropertyTypes: an unset key must be absent, not present as undefined.
function withoutUndefined<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

// The rules of `git check-ref-format` that a tag name can break.
function isValidTagName(name: string): boolean {
  return (
    !/[\s~^:?*[\\]/.test(name) &&
    ![...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) &&
    !name.includes('..') &&
    !name.includes('@{') &&
    !name.includes('//') &&
    !/^[./]|[./]$/.test(name) &&
    !name.endsWith('.lock') &&
    !name.split('/').some((part) => part.startsWith('.'))
  );
}

function regexProblem(source: string): string | null {
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
  // An alternation with the empty pattern always matches; its groups count the pattern's.
  const groups = (new RegExp(`${regex.source}|`).exec('')?.length ?? 1) - 1;
  if (groups > 0) return 'must not contain capture groups; use (?:…)';
  if (new RegExp(`^(?:${regex.source})$`).test('')) return 'must not match the empty string';
  return null;
}

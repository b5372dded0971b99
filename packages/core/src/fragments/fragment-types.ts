import type { BumpLevel } from '../versions/version.js';

/** One news fragment type: the key used in file names, its notes title and its bump. */
export interface FragmentTypeDefinition {
  /** The key in `123.<key>.md`; towncrier calls it the type's `directory`. */
  readonly key: string;
  /** The section title in notes ("Features"); towncrier's `name`. */
  readonly title: string;
  /** False: the notes list only the issue numbers (towncrier's `showcontent = false`). */
  readonly showContent: boolean;
  /** Null: the fragment is listed but releases nothing on its own. */
  readonly bump: BumpLevel | null;
}

/**
 * towncrier's five default types plus the ones Slipway adds for SemVer intent. Order is the
 * order of the notes sections: what users must act on comes first.
 */
export const defaultFragmentTypes: readonly FragmentTypeDefinition[] = [
  { key: 'breaking', title: 'Breaking Changes', showContent: true, bump: 'major' },
  { key: 'removal', title: 'Removals', showContent: true, bump: 'major' },
  { key: 'deprecation', title: 'Deprecations', showContent: true, bump: 'minor' },
  { key: 'feature', title: 'Features', showContent: true, bump: 'minor' },
  { key: 'security', title: 'Security', showContent: true, bump: 'patch' },
  { key: 'bugfix', title: 'Bugfixes', showContent: true, bump: 'patch' },
  { key: 'perf', title: 'Performance', showContent: true, bump: 'patch' },
  { key: 'doc', title: 'Documentation', showContent: true, bump: 'patch' },
  { key: 'misc', title: 'Misc', showContent: false, bump: 'patch' },
];

/** The bump of a type Slipway does not know by name (a project's own towncrier type). */
export const defaultFragmentBump: BumpLevel = 'patch';

/** Everything the pure fragment functions need from the configuration. */
export interface FragmentConfig {
  /** Fragment directory, relative to the project root (or absolute). */
  readonly directory: string;
  readonly types: readonly FragmentTypeDefinition[];
  /** Names starting with it are orphans without an issue (towncrier's `orphan_prefix`). */
  readonly orphanPrefix: string;
  /** Extension of new fragments, without the dot ("md", "rst"). */
  readonly extension: string;
  /** File names (`*` wildcards) that are not fragments (towncrier's `ignore`). */
  readonly ignore?: readonly string[];
}

export interface FragmentTypeOverride {
  readonly key: string;
  readonly title?: string;
  readonly showContent?: boolean;
  /** 'none': listed, but no bump. */
  readonly bump?: BumpLevel | 'none';
}

/**
 * Applies overrides to a base list: known keys are changed in place (keeping their order), new
 * keys are appended. A bump not given falls back to the default type of that key, then patch.
 */
export function mergeFragmentTypes(
  base: readonly FragmentTypeDefinition[],
  overrides: readonly FragmentTypeOverride[],
): FragmentTypeDefinition[] {
  const merged = base.map((type) => ({ ...type }));
  for (const override of overrides) {
    const index = merged.findIndex((type) => type.key === override.key);
    const existing = index >= 0 ? merged[index] : undefined;
    const fallback = defaultFragmentTypes.find((type) => type.key === override.key);
    const bump =
      override.bump === undefined
        ? (existing?.bump ?? fallback?.bump ?? defaultFragmentBump)
        : override.bump === 'none'
          ? null
          : override.bump;
    const next: FragmentTypeDefinition = {
      key: override.key,
      title: override.title ?? existing?.title ?? fallback?.title ?? titleFromKey(override.key),
      showContent: override.showContent ?? existing?.showContent ?? fallback?.showContent ?? true,
      bump,
    };
    if (index >= 0) merged[index] = next;
    else merged.push(next);
  }
  return merged;
}

function titleFromKey(key: string): string {
  const words = key.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

import { SlipwayError } from '../errors/slipway-error.js';
import type { Version } from '../versions/version.js';
import { freezeVersion } from '../versions/version-data.js';
import { guessNextVersion, pep440Text, postAfter, publicPart, simpleSemver } from './guess-next.js';
import type { ScmState } from './scm-state.js';
import { isExact } from './scm-state.js';

/** A setuptools-scm version scheme: the main version (no local part) for a repository state. */
export type DescribeVersionScheme = (state: ScmState) => Version;

/** setuptools-scm's fallback when no tag is reachable. */
const noTag = freezeVersion({ release: [0, 0] });

function tagOf(state: ScmState): Version {
  return state.tag === null ? noTag : publicPart(state.tag);
}

function devOf(version: Version, state: ScmState): Version {
  return freezeVersion({ ...version, dev: state.distance });
}

// The part of a branch name that names a version (`release/1.2.x` → `1.2.x`), as
// setuptools-scm's default tag pattern reads it.
const BRANCH_VERSION = /^(?:[\w-]+-)?([vV]?\d+(?:\.\d+){0,2}[^+]*)(?:\+.*)?$/u;

function branchMatchesTag(branch: string, tag: Version): boolean {
  const match = BRANCH_VERSION.exec(branch.split('/').at(-1) ?? '');
  let branchVersion = match?.[1];
  if (branchVersion === undefined) return false;
  if (branchVersion.startsWith('v')) branchVersion = branchVersion.slice(1);
  const tagMinor = pep440Text(tag).split('.').slice(0, 2);
  const branchMinor = branchVersion.split('.').slice(0, 2);
  return tagMinor.length === branchMinor.length && tagMinor.every((p, i) => p === branchMinor[i]);
}

/** Every scheme setuptools-scm 7.1 documents, except calver-by-date, plus 8.0's only-version. */
export const describeVersionSchemes = Object.freeze({
  /** The tag when exact; else the next version guessed from it, as `.devN` (the default). */
  'guess-next-dev': (state: ScmState): Version =>
    isExact(state) ? tagOf(state) : devOf(guessNextVersion(tagOf(state)), state),
  /** Like guess-next-dev without guessing: `1.2.3.post1.devN`. */
  'no-guess-dev': (state: ScmState): Version =>
    isExact(state) ? tagOf(state) : devOf(postAfter(tagOf(state)), state),
  /** The distance as a post-release: `1.2.3.postN`. */
  'post-release': (state: ScmState): Version => {
    const tag = tagOf(state);
    if (isExact(state)) return tag;
    if (tag.post !== null) {
      throw new SlipwayError(
        'VERSION_INVALID',
        `${pep440Text(tag)} already is a post-release; post-release cannot add another`,
        { subject: pep440Text(tag) },
      );
    }
    return freezeVersion({ ...tag, post: state.distance });
  },
  /** Only the tag, whatever came after it. */
  'only-version': (state: ScmState): Version => tagOf(state),
  /**
   * On a branch named for the tag's minor version (`release/1.2.x`), the next patch;
   * elsewhere the next minor version.
   */
  'release-branch-semver': (state: ScmState): Version => {
    const tag = tagOf(state);
    if (isExact(state)) return tag;
    if (state.branch !== null && branchMatchesTag(state.branch, tag)) {
      return devOf(guessNextVersion(tag), state);
    }
    return devOf(simpleSemver(tag, 2, true), state);
  },
  /** The next patch (the next minor on a branch whose name contains `feature`), numbers only. */
  'python-simplified-semver': (state: ScmState): Version => {
    const tag = tagOf(state);
    if (isExact(state)) return simpleSemver(tag, 3, false);
    const feature = state.branch !== null && state.branch.includes('feature');
    return devOf(simpleSemver(tag, feature ? 2 : 3, true), state);
  },
} satisfies Record<string, DescribeVersionScheme>);

export type DescribeVersionSchemeName = keyof typeof describeVersionSchemes;

export const describeVersionSchemeNames = Object.keys(
  describeVersionSchemes,
) as readonly DescribeVersionSchemeName[];

/** Throws SlipwayError('USAGE') naming the value and listing the valid names. */
export function getDescribeVersionScheme(name: string): DescribeVersionScheme {
  if (!Object.hasOwn(describeVersionSchemes, name)) {
    throw new SlipwayError(
      'USAGE',
      `unknown version scheme "${name}" (valid: ${describeVersionSchemeNames.join(', ')})`,
      { subject: name },
    );
  }
  return describeVersionSchemes[name as DescribeVersionSchemeName];
}

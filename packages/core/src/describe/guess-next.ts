import { SlipwayError } from '../errors/slipway-error.js';
import { pep440Scheme } from '../versions/pep440-scheme.js';
import type { Version } from '../versions/version.js';
import { freezeVersion } from '../versions/version-data.js';

/**
 * The tag's version as setuptools-scm sees it: packaging's normalized version, local dropped.
 * A tag read as SemVer (`v1.0.0-beta`) becomes its PEP 440 reading (`1.0.0b0`), so the guesses
 * below see the implicit numbers and labels that packaging would.
 */
export function publicPart(version: Version): Version {
  const text = pep440Text(freezeVersion({ ...version, local: null }));
  return pep440Scheme.parse(text) ?? freezeVersion({ ...version, local: null });
}

export function pep440Text(version: Version): string {
  return pep440Scheme.format(version);
}

/**
 * A `.dev0` tag is the start of its own development series: its distance replaces the 0.
 * Any other dev number cannot be continued (setuptools-scm refuses it the same way).
 */
function withoutDevZero(version: Version): Version | null {
  if (version.dev === null) return null;
  if (version.dev !== 0) {
    throw new SlipwayError(
      'VERSION_INVALID',
      `tag version ${pep440Text(version)} has a .dev number other than 0; its next version cannot be guessed`,
      {
        subject: pep440Text(version),
        hint: 'Tag a release, or a version ending in .dev0',
      },
    );
  }
  return freezeVersion({ ...version, dev: null });
}

/**
 * guess-next-dev's guess: increment the last number of the normalized version
 * (1.2.3 → 1.2.4, 1.0rc1 → 1.0rc2, 1.0.post1 → 1.0.post2).
 */
export function guessNextVersion(tag: Version): Version {
  const version = publicPart(tag);
  const dev = withoutDevZero(version);
  if (dev !== null) return dev;
  if (version.post !== null) return freezeVersion({ ...version, post: version.post + 1 });
  if (version.pre !== null) {
    if (version.pre.identifiers !== undefined || version.pre.number === null) {
      throw new SlipwayError(
        'VERSION_INVALID',
        'a pre-release that is not <label><number> has no next version to guess',
        { subject: pep440Text(version) },
      );
    }
    return freezeVersion({ ...version, pre: { ...version.pre, number: version.pre.number + 1 } });
  }
  const release = [...version.release];
  release[release.length - 1] = (release.at(-1) ?? 0) + 1;
  return freezeVersion({ ...version, release });
}

/** no-guess-dev's "guess": the tag itself, marked as after it with `.post1`. */
export function postAfter(tag: Version): Version {
  const version = publicPart(tag);
  const dev = withoutDevZero(version);
  if (dev !== null) return dev;
  if (version.post !== null) {
    throw new SlipwayError(
      'VERSION_INVALID',
      `${pep440Text(version)} already is a post-release; no-guess-dev cannot add another`,
      { subject: pep440Text(version) },
    );
  }
  return freezeVersion({ ...version, post: 1 });
}

/**
 * The SemVer-like guesses (python-simplified-semver, release-branch-semver): keep the first
 * `retain` numbers of the normalized version, increment the last kept one (when asked) and pad
 * to three numbers. Like setuptools-scm, any kept part that is not a plain number is an error.
 */
export function simpleSemver(tag: Version, retain: number, increment: boolean): Version {
  const text = pep440Text(publicPart(tag));
  const kept = text.split('.').slice(0, retain);
  if (!kept.every((part) => /^[0-9]+$/.test(part))) {
    throw new SlipwayError(
      'VERSION_INVALID',
      `${text} cannot be read as a numeric version (the first ${retain} parts must be numbers)`,
      { subject: text },
    );
  }
  const parts = kept.map(Number);
  while (parts.length < retain) parts.push(0);
  if (increment) parts[parts.length - 1] = (parts.at(-1) ?? 0) + 1;
  while (parts.length < 3) parts.push(0);
  return freezeVersion({ release: parts });
}

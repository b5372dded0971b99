import { SlipwayError } from '../errors/slipway-error.js';
import { prereleaseLabelsMatch } from './prerelease-labels.js';
import type { BumpKind, BumpLevel, Version } from './version.js';
import { freezeVersion } from './version-data.js';

const LEVEL_INDEX: Readonly<Record<BumpLevel, number>> = { major: 0, minor: 1, patch: 2 };
const PREID = /^[0-9A-Za-z-]+$/;

/** A pre-release or dev release still waiting for its final release (a post's dev release is not). */
function isPending(version: Version): boolean {
  return (version.pre !== null || version.dev !== null) && version.post === null;
}

/**
 * node-semver's `inc` on the model: increment the level and zero what follows, except that a
 * pending pre-release of exactly that level just drops its suffix (1.3.0-rc.2 minor → 1.3.0).
 * The release keeps its length (PEP 440 allows 1.2 or 1.2.3.4), growing only to reach the level.
 */
function bumpLevel(version: Version, level: BumpLevel): Version {
  const index = LEVEL_INDEX[level];
  const release = [...version.release];
  while (release.length <= index) release.push(0);
  const lowerAreZero = release.slice(index + 1).every((part) => part === 0);
  if (!(isPending(version) && lowerAreZero)) {
    release[index] = (release[index] ?? 0) + 1;
    for (let i = index + 1; i < release.length; i += 1) release[i] = 0;
  }
  return freezeVersion({ epoch: version.epoch, release });
}

/**
 * Sets the pre-release `preid.number` on the version's release and clears dev, post and local.
 * The preid `dev` means a development release (`.devN`, SemVer `-dev.N`) instead.
 */
export function withPrerelease(version: Version, preid: string, number: number): Version {
  checkPreid(preid);
  const base = { epoch: version.epoch, release: version.release };
  if (preid === 'dev') return freezeVersion({ ...base, dev: number });
  return freezeVersion({ ...base, pre: { label: preid, number } });
}

function checkPreid(preid: string): void {
  if (!PREID.test(preid) || /^[0-9]+$/.test(preid)) {
    throw new SlipwayError(
      'USAGE',
      `invalid pre-release identifier "${preid}": use letters, digits and "-", not only digits`,
      {
        subject: preid,
      },
    );
  }
}

function bumpPrerelease(version: Version, preid: string | undefined): Version {
  const pending = isPending(version);
  const { pre, dev } = version;
  const id =
    preid ??
    (pre !== null && pre.identifiers === undefined ? pre.label : dev !== null ? 'dev' : undefined);
  if (id === undefined) {
    throw new SlipwayError(
      'USAGE',
      'a prerelease bump of a final version needs a preid (e.g. rc, beta, dev)',
    );
  }
  checkPreid(id);
  if (!pending) return withPrerelease(bumpLevel(version, 'patch'), id, 1);
  const base = { epoch: version.epoch, release: version.release };
  if (id === 'dev') {
    // 1.2.4.dev1 → 1.2.4.dev2; 1.2.4a1.dev1 → 1.2.4a1.dev2; 1.2.4a1 → 1.2.4.dev1.
    return dev === null
      ? withPrerelease(version, 'dev', 1)
      : freezeVersion({ ...base, pre, dev: dev + 1 });
  }
  if (pre === null || pre.identifiers !== undefined || !prereleaseLabelsMatch(pre.label, id)) {
    return withPrerelease(version, id, 1);
  }
  // Same series: a dev release of 1.2.4a1 is finished by 1.2.4a1 itself; otherwise count up.
  if (dev !== null) return freezeVersion({ ...base, pre });
  return freezeVersion({ ...base, pre: { label: pre.label, number: (pre.number ?? 0) + 1 } });
}

/** Scheme-independent bump on the model; semantics in docs/adr/0003-version-model.md. */
export function bumpVersion(
  version: Version,
  kind: BumpKind,
  options: { preid?: string } = {},
): Version {
  switch (kind) {
    case 'major':
    case 'minor':
    case 'patch':
      return bumpLevel(version, kind);
    case 'release':
      return freezeVersion({ epoch: version.epoch, release: version.release });
    case 'prerelease':
      return bumpPrerelease(version, options.preid);
  }
}

import { SlipwayError } from '../errors/slipway-error.js';
import { normalizeLocal } from './pep440-scheme.js';
import { pep440Phase, semverSpelling } from './prerelease-labels.js';
import type { SchemeName, Version } from './version.js';
import { freezeVersion } from './version-data.js';
import { getVersionScheme, parseVersion } from './version-schemes.js';

function refuse(what: string): never {
  throw new SlipwayError('VERSION_INVALID', `${what} cannot be represented in PEP 440`);
}

/** SemVer → PEP 440: `-alpha.1` → `a1`, `-dev.N` → `.devN`, build metadata → local version. */
function toPep440(version: Version): Version {
  let { pre, dev } = version;
  if (pre !== null) {
    if (pre.identifiers !== undefined) refuse(`pre-release "${pre.identifiers.join('.')}"`);
    const phase = pep440Phase(pre.label);
    if (pre.label === 'dev' && pre.number === null && dev === null) {
      // `1.0.0-dev` is what PEP 440 spells `1.0.0.dev0` (implicit zero).
      pre = null;
      dev = 0;
    } else if (phase === null) {
      refuse(`pre-release "${pre.label}" (PEP 440 knows a, b, rc and dev)`);
    } else {
      pre = { label: phase, number: pre.number ?? 0 };
    }
  }
  let local = version.local;
  if (local !== null) {
    local = normalizeLocal(local);
    if (local === null) refuse(`build metadata "${version.local}"`);
  }
  return freezeVersion({ ...version, pre, dev, local });
}

/** PEP 440 → SemVer: phases take SemVer's usual words; the semver scheme refuses the rest. */
function toSemver(version: Version): Version {
  const { pre } = version;
  if (pre === null || pre.identifiers !== undefined) return version;
  return freezeVersion({
    ...version,
    pre: { label: semverSpelling(pre.label), number: pre.number },
  });
}

/** Render in another scheme; throws SlipwayError('VERSION_INVALID') naming what cannot be represented. */
export function convertVersion(input: string, from: SchemeName, to: SchemeName): string {
  const source = getVersionScheme(from);
  const target = getVersionScheme(to);
  const version = parseVersion(source, input);
  if (from === to) return target.format(version);
  try {
    return target.format(to === 'pep440' ? toPep440(version) : toSemver(version));
  } catch (error) {
    if (error instanceof SlipwayError) {
      throw new SlipwayError(error.code, `"${input}": ${error.message}`, {
        subject: input,
        cause: error,
      });
    }
    throw error;
  }
}

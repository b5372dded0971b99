/**
 * PEP 440 spells one pre-release phase several ways; SemVer users write the long forms.
 * These tables are the single place both schemes and the bump logic agree on.
 */
const PEP440_ALIASES: Readonly<Record<string, string>> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  rc: 'rc',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
};

/** How a PEP 440 phase reads in SemVer: `1.2.0a1` becomes `1.2.0-alpha.1`. */
const SEMVER_SPELLING: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', rc: 'rc' };

/** The PEP 440 phase (`a`, `b`, `rc`) a label means, or null when PEP 440 has no such phase. */
export function pep440Phase(label: string): string | null {
  return PEP440_ALIASES[label.toLowerCase()] ?? null;
}

/** The SemVer identifier for a PEP 440 phase; other labels pass through unchanged. */
export function semverSpelling(label: string): string {
  return SEMVER_SPELLING[label] ?? label;
}

/**
 * True when two labels name the same pre-release series: identical, or two spellings of one
 * PEP 440 phase (`alpha` and `a`). Used by bumps so `--preid alpha` continues `1.2.0a1`.
 */
export function prereleaseLabelsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const phase = pep440Phase(a);
  return phase !== null && phase === pep440Phase(b);
}

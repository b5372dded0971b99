import type { Version, VersionScheme } from './version.js';

export interface NormalizeResult {
  input: string;
  valid: boolean;
  normalized: string | null;
}

/** Partial failure is normal here (a list of user inputs), so invalid inputs are data, not errors. */
export function normalizeVersions(
  scheme: VersionScheme,
  inputs: readonly string[],
): NormalizeResult[] {
  return inputs.map((input) => {
    const version = scheme.parse(input);
    return {
      input,
      valid: version !== null,
      normalized: version === null ? null : scheme.format(version),
    };
  });
}

/** Valid inputs ascending by the scheme's order (stable, duplicates kept) as normalized strings. */
export function sortVersions(
  scheme: VersionScheme,
  inputs: readonly string[],
): { sorted: string[]; invalid: string[] } {
  const parsed: Version[] = [];
  const invalid: string[] = [];
  for (const input of inputs) {
    const version = scheme.parse(input);
    if (version === null) invalid.push(input);
    else parsed.push(version);
  }
  parsed.sort((a, b) => scheme.compare(a, b));
  return { sorted: parsed.map((version) => scheme.format(version)), invalid };
}

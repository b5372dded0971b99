import { escapeRegExp } from '@slipway/core';

/** A released internal dependency: its name and new version (in the dependent's ecosystem's form). */
export interface SpecifierUpdate {
  readonly name: string;
  readonly version: string;
}

/** PEP 503: `acme_core`, `Acme.Core` and `acme-core` name the same distribution. */
function pythonNamePattern(name: string): string {
  return name
    .split(/[-_.]+/)
    .map(escapeRegExp)
    .join('[-_.]+');
}

/**
 * Raises the version in `pyproject.toml` requirement strings naming `update.name` (`>=`, `==`,
 * `~=`, extras allowed): `"acme-core>=1.2.0"` → `"acme-core>=1.3.0"`. Everything else is kept
 * byte for byte; upper bounds (`,<2`) are left to people.
 */
export function updatePythonRequirements(
  content: string,
  updates: readonly SpecifierUpdate[],
): string {
  let result = content;
  for (const update of updates) {
    const pattern = new RegExp(
      `(["'])(${pythonNamePattern(update.name)})(\\s*(?:\\[[^\\]]*\\])?\\s*(?:>=|==|~=)\\s*)([0-9][^,;"'\\s]*)`,
      'gi',
    );
    result = result.replace(
      pattern,
      (_match, quote: string, name: string, operator: string) =>
        `${quote}${name}${operator}${update.version}`,
    );
  }
  return result;
}

/**
 * Raises npm ranges naming `update.name` in package.json dependency tables, keeping the range
 * operator (`^1.2.0` → `^1.3.0`); `workspace:` and other protocols are left alone.
 */
export function updateNpmDependencies(
  content: string,
  updates: readonly SpecifierUpdate[],
): string {
  let result = content;
  for (const update of updates) {
    const pattern = new RegExp(
      `("${escapeRegExp(update.name)}"\\s*:\\s*")(\\^|~|>=)?(\\d[^"]*)(")`,
      'g',
    );
    result = result.replace(
      pattern,
      (_match, key: string, operator: string | undefined, _old: string, end: string) =>
        `${key}${operator ?? ''}${update.version}${end}`,
    );
  }
  return result;
}

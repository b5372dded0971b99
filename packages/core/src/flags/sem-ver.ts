import semver from 'semver';
import type { SemVer } from 'semver';

const partialVersion = /^\d+(\.\d+)?$/;

/**
 * A version as flagd reads it: an optional `v`/`V` prefix, strict SemVer 2.0, or a partial
 * `1` / `1.2` (also from a number in the context) completed with zeros. Null when invalid,
 * e.g. `2.0.0.0` or `not-a-version`.
 */
export function parseFlagVersion(raw: unknown): SemVer | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).replace(/^[vV]/, '');
  const strict = semver.parse(text);
  if (strict !== null) return strict;
  return partialVersion.test(text) ? semver.coerce(text) : null;
}

/**
 * `sem_ver: [version, operator, version]` with `= != < <= > >=`, `^` (same major) and `~`
 * (same major and minor). Build metadata does not count. Null for a wrong argument count, an
 * unknown operator or an invalid version, so the default variant applies.
 */
export function semVer(args: readonly unknown[]): boolean | null {
  if (args.length !== 3) return null;
  const left = parseFlagVersion(args[0]);
  const right = parseFlagVersion(args[2]);
  if (left === null || right === null) return null;
  switch (args[1]) {
    case '=':
      return left.compare(right) === 0;
    case '!=':
      return left.compare(right) !== 0;
    case '<':
      return left.compare(right) < 0;
    case '<=':
      return left.compare(right) <= 0;
    case '>':
      return left.compare(right) > 0;
    case '>=':
      return left.compare(right) >= 0;
    case '^':
      return left.major === right.major;
    case '~':
      return left.major === right.major && left.minor === right.minor;
    default:
      return null;
  }
}

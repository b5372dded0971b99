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
  const input = String(raw);
  const cached = parsed.get(input);
  if (cached !== undefined) return cached;
  const text = input.replace(/^[vV]/, '');
  const version = semver.parse(text) ?? (partialVersion.test(text) ? semver.coerce(text) : null);
  if (parsed.size >= parsedLimit) parsed.clear();
  parsed.set(input, version);
  return version;
}

/**
 * Parsing dominates `sem_ver`, and the versions met are few (the flags' constants, the apps'
 * releases), so parses are memoized, bounded; SemVer objects are never mutated here.
 */
const parsed = new Map<string, SemVer | null>();
const parsedLimit = 2_048;

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

/** Package ecosystems Slipway reads lock files of. */
export type PackageEcosystem = 'pypi' | 'npm';

/**
 * PEP 503 normalisation: lowercase, runs of `-`, `_` and `.` become one `-`. The purl spec asks
 * for it in `pkg:pypi/` names, so `Flask_SQLAlchemy` and `flask-sqlalchemy` are one component.
 */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** Percent-encodes what the purl spec does not allow bare in a segment (`+` in local versions…). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `pkg:pypi/<normalized>@<version>` (version omitted when the input has none). */
export function pypiPurl(name: string, version?: string): string {
  const base = `pkg:pypi/${encodeSegment(normalizePypiName(name))}`;
  return version === undefined ? base : `${base}@${encodeSegment(version)}`;
}

/** `pkg:npm/%40scope/name@version`: the scope is the namespace, its `@` percent-encoded. */
export function npmPurl(name: string, version?: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const path =
    slash > 0
      ? `${encodeSegment(name.slice(0, slash))}/${encodeSegment(name.slice(slash + 1))}`
      : encodeSegment(name);
  const base = `pkg:npm/${path}`;
  return version === undefined ? base : `${base}@${encodeSegment(version)}`;
}

export function purlFor(ecosystem: PackageEcosystem, name: string, version?: string): string {
  return ecosystem === 'pypi' ? pypiPurl(name, version) : npmPurl(name, version);
}

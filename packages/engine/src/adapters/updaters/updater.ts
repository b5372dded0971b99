/** The version in both renderings; each updater picks the one its ecosystem uses. */
export interface VersionRenderings {
  readonly pep440: string | null;
  readonly semver: string | null;
  readonly primary: string;
}

export type UpdaterName =
  | 'pyproject-project'
  | 'pyproject-poetry'
  | 'setup-cfg'
  | 'python-version'
  | 'package-json'
  | 'package-lock'
  | 'uv-lock'
  | 'pattern';

export interface UpdateTarget {
  /** Relative to the package directory, with `/` separators. */
  readonly path: string;
  readonly updater: UpdaterName;
  /** For the `pattern` updater: the text around a `{version}` placeholder. */
  readonly pattern?: string;
  /** For `uv-lock`: the project's name, to find its own `[[package]]` entry. */
  readonly projectName?: string;
}

export interface Updater {
  readonly name: UpdaterName;
  /** Pure; throws SlipwayError('VERSION_FILE', …) naming `target.path`. */
  update(content: string, version: VersionRenderings, target: UpdateTarget): string;
}

// Python tools read PEP 440; a version with no PEP 440 rendering is still written as given.
export function pythonVersion(version: VersionRenderings): string {
  return version.pep440 ?? version.primary;
}

export function npmVersion(version: VersionRenderings): string {
  return version.semver ?? version.primary;
}

import { tableAt } from '../../config/detect-project.js';
import { resolveAttrModule } from './resolve-attr-module.js';
import type { UpdateTarget } from './updater.js';

type Table = Readonly<Record<string, unknown>>;

export interface PyprojectDetection {
  readonly targets: UpdateTarget[];
  /** The SCM tool the version comes from at build time; null when a file holds it. */
  readonly scm: string | null;
}

// Hatch version sources that read git rather than a file.
const HATCH_SCM_SOURCES = new Set(['vcs', 'uv-dynamic-versioning', 'versioningit']);

/** Reads pyproject.toml's build configuration (PEP 621, Poetry, Hatch, PDM, setuptools). */
export async function detectPyprojectVersionFiles(
  dir: string,
  pyproject: Table,
  notes: string[],
): Promise<PyprojectDetection> {
  const project = tableAt(pyproject, ['project']);
  const dynamic = Array.isArray(project?.['dynamic']) && project['dynamic'].includes('version');
  const scm = scmSource(pyproject, dynamic || project === null);
  if (scm !== null) return { targets: [], scm };

  const targets: UpdateTarget[] = [];
  if (typeof project?.['version'] === 'string') {
    targets.push({ path: 'pyproject.toml', updater: 'pyproject-project' });
  }
  if (typeof tableAt(pyproject, ['tool', 'poetry'])?.['version'] === 'string') {
    targets.push({ path: 'pyproject.toml', updater: 'pyproject-poetry' });
  }
  if (!dynamic) return { targets, scm: null };

  const hatch = tableAt(pyproject, ['tool', 'hatch', 'version']);
  const hatchPath = hatch?.['path'];
  if (typeof hatchPath === 'string' && (hatch?.['source'] ?? 'regex') === 'regex') {
    if (hatch?.['pattern'] === undefined) targets.push(pythonFile(hatchPath));
    else
      notes.push(`[tool.hatch.version] uses its own pattern; list ${hatchPath} in version-files`);
  }
  const pdm = tableAt(pyproject, ['tool', 'pdm', 'version']);
  if (pdm?.['source'] === 'file' && typeof pdm['path'] === 'string') {
    targets.push(pythonFile(pdm['path']));
  }
  const setuptools = tableAt(pyproject, ['tool', 'setuptools', 'dynamic', 'version']);
  const attr = setuptools?.['attr'];
  if (typeof attr === 'string') {
    const packageDir = tableAt(pyproject, ['tool', 'setuptools', 'package-dir']) ?? {};
    const stringsOnly = Object.fromEntries(
      Object.entries(packageDir).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    targets.push(...(await attrTarget(dir, attr, stringsOnly, notes)));
  }
  const file = setuptools?.['file'];
  const firstFile = Array.isArray(file) ? file[0] : file;
  if (typeof firstFile === 'string') {
    // A plain version file holds nothing but the version.
    targets.push({ path: normalizePath(firstFile), updater: 'pattern', pattern: '{version}' });
  }
  if (targets.length === 0) {
    notes.push(
      '[project] version is dynamic and no file holding it was found; list it in version-files',
    );
  }
  return { targets, scm: null };
}

/** The `__version__` module behind a setuptools `attr`, or a note saying why there is none. */
export async function attrTarget(
  dir: string,
  attr: string,
  packageDir: Readonly<Record<string, string>>,
  notes: string[],
): Promise<UpdateTarget[]> {
  if (!attr.endsWith('.__version__')) {
    notes.push(`version attr ${attr} is not a __version__; list its file in version-files`);
    return [];
  }
  const module = await resolveAttrModule(dir, attr, packageDir);
  if (module === null) notes.push(`no module file found for version attr ${attr}`);
  return module === null ? [] : [pythonFile(module)];
}

function scmSource(pyproject: Table, versionFromBuild: boolean): string | null {
  const tool = tableAt(pyproject, ['tool']) ?? {};
  const requires = tableAt(pyproject, ['build-system'])?.['requires'];
  const required = (name: string): boolean =>
    Array.isArray(requires) &&
    requires.some((spec) => typeof spec === 'string' && requirementName(spec) === name);
  const hatchSource = tableAt(tool, ['hatch', 'version'])?.['source'];
  if (typeof hatchSource === 'string' && HATCH_SCM_SOURCES.has(hatchSource))
    return `hatch ${hatchSource}`;
  if (tableAt(tool, ['pdm', 'version'])?.['source'] === 'scm') return 'pdm-backend scm';
  if (tableAt(tool, ['poetry-dynamic-versioning'])?.['enabled'] === true) {
    return 'poetry-dynamic-versioning';
  }
  if (tableAt(tool, ['setuptools-git-versioning'])?.['enabled'] === true) {
    return 'setuptools-git-versioning';
  }
  if (!versionFromBuild) return null;
  if ('setuptools_scm' in tool || required('setuptools-scm')) return 'setuptools-scm';
  if ('versioningit' in tool) return 'versioningit';
  return null;
}

// PEP 508 name, normalized (setuptools_scm and setuptools-scm are one package).
function requirementName(spec: string): string {
  return (/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1] ?? '')
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

function pythonFile(path: string): UpdateTarget {
  return { path: normalizePath(path), updater: 'python-version' };
}

/** Forward slashes, no leading `./`: paths compare equal however they were written. */
export function normalizePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
}

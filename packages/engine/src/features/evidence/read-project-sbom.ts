import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Sbom, SbomDependency } from '@slipway/core';
import { subjectRef } from '@slipway/core';
import type { LockContents } from './lock-files/lock-contents.js';
import { readPackageLock } from './lock-files/package-lock.js';
import { readPdmLock } from './lock-files/pdm-lock.js';
import { readPoetryLock } from './lock-files/poetry-lock.js';
import { readPyprojectDependencies } from './lock-files/pyproject-dependencies.js';
import { readRequirementsTxt } from './lock-files/requirements-txt.js';
import { readUvLock } from './lock-files/uv-lock.js';

export interface ProjectSbomOptions {
  /** The built artifact the SBOM is about, when there is one. */
  readonly artifact?: { readonly fileName: string; readonly sha256: string };
  /** ISO 8601 seconds, from `sourceDateEpoch` (never the wall clock: it would break determinism). */
  readonly timestamp: string;
  readonly toolVersion: string;
}

export interface ProjectSbom {
  readonly sbom: Sbom;
  /** The files read, with their sha256: the build inputs provenance names. */
  readonly inputs: readonly { readonly path: string; readonly sha256: string }[];
}

/**
 * The SBOM of the project in `dir`, from every lock file Slipway knows there. A Python project's
 * `pyproject.toml` gives its name, version and direct dependencies; its declared requirements
 * become components only when no lock or requirements file pins them.
 */
export function readProjectSbom(dir: string, options: ProjectSbomOptions): ProjectSbom {
  const inputs: { path: string; sha256: string }[] = [];
  const read = (name: string): string | null => {
    const path = join(dir, name);
    if (!existsSync(path)) return null;
    const bytes = readFileSync(path);
    inputs.push({ path: name, sha256: createHash('sha256').update(bytes).digest('hex') });
    return bytes.toString('utf8');
  };
  const pyprojectText = read('pyproject.toml');
  const pyproject = pyprojectText === null ? null : readPyprojectDependencies(pyprojectText);
  const runtime = pyproject?.runtime ?? [];
  const pythonLocks: LockContents[] = [];
  const uv = read('uv.lock');
  if (uv !== null) pythonLocks.push(readUvLock(uv));
  const poetry = read('poetry.lock');
  if (poetry !== null) pythonLocks.push(readPoetryLock(poetry, runtime));
  const pdm = read('pdm.lock');
  if (pdm !== null) pythonLocks.push(readPdmLock(pdm, runtime));
  for (const name of requirementsFiles(dir)) {
    const text = read(name);
    if (text !== null) pythonLocks.push(readRequirementsTxt(text, name));
  }
  if (pythonLocks.length === 0 && pyproject !== null) pythonLocks.push(pyproject.contents);
  const packageLockText = read('package-lock.json');
  const npm = packageLockText === null ? null : readPackageLock(packageLockText);
  const all = [...pythonLocks, ...(npm === null ? [] : [npm])];

  const pythonRoot = pythonLocks.find((lock) => lock.root !== undefined)?.root;
  const name = pyproject?.name ?? pythonRoot?.name ?? npm?.root?.name ?? basename(dir);
  const version =
    pyproject?.version ??
    pythonRoot?.version ??
    (pyproject === null ? npm?.root?.version : undefined);
  const ecosystem = pyproject !== null || pythonLocks.length > 0 ? 'pypi' : 'npm';
  const rootEdges: SbomDependency = {
    ref: subjectRef,
    dependsOn: all.flatMap((lock) => lock.direct),
  };
  const sbom: Sbom = {
    subject: {
      name,
      ...(version === undefined ? {} : { version }),
      ecosystem,
      ...(options.artifact === undefined ? {} : { artifact: options.artifact }),
    },
    components: all.flatMap((lock) => lock.components),
    dependencies: [rootEdges, ...all.flatMap((lock) => lock.dependencies)],
    timestamp: options.timestamp,
    tool: { name: 'slipway', version: options.toolVersion },
  };
  return { sbom, inputs: inputs.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

/** `requirements.txt`, `requirements-dev.txt`, `requirements.lock.txt`…, top level only, sorted. */
function requirementsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^requirements.*\.txt$/.test(name))
    .sort();
}

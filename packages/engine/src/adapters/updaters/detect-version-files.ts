import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { tableAt } from '../../config/detect-project.js';
import { readTextFile, readTomlFile } from '../../config/read-toml-file.js';
import type { VersionFilesConfig } from '../../config/sections/version-files.js';
import {
  attrTarget,
  detectPyprojectVersionFiles,
  normalizePath,
} from './detect-pyproject-version-files.js';
import { readIni } from './read-ini.js';
import { parsePackageDir } from './resolve-attr-module.js';
import type { UpdateTarget } from './updater.js';
import { updaterForPath } from './updater-for-path.js';
import { updaters } from './updaters.js';

export interface DetectedVersionFiles {
  readonly targets: UpdateTarget[];
  /** The version comes from git tags at build time: no detected file holds it. */
  readonly tagDerived: boolean;
  /** Why a likely file was left out, for `--verbose` and `--json` output. */
  readonly notes: string[];
}

// Any version will do: detection only checks that an updater finds its key.
const PROBE = { pep440: '0.0.0', semver: '0.0.0', primary: '0.0.0' };

/**
 * Reads files under `dir` (I/O) to choose targets; `configured` entries are added and take
 * over a detected target on the same path. When the version is tag-derived, only the
 * configured targets are returned.
 */
export async function detectVersionFiles(
  dir: string,
  configured: VersionFilesConfig,
): Promise<DetectedVersionFiles> {
  const notes: string[] = [];
  const contents = new Map<string, string | null>();
  const read = async (path: string): Promise<string | null> => {
    if (!contents.has(path)) contents.set(path, await readTextFile(join(dir, path)));
    return contents.get(path) ?? null;
  };
  const pyproject = await readTomlFile(join(dir, 'pyproject.toml'));
  const projectName = pyprojectName(pyproject) ?? setupCfgName(await read('setup.cfg'));
  const withName = (target: UpdateTarget): UpdateTarget =>
    target.updater === 'uv-lock' && projectName !== null ? { ...target, projectName } : target;

  let detected: UpdateTarget[] = [];
  let tagDerived = false;
  if (configured.detectVersionFiles) {
    const fromPyproject =
      pyproject === null ? null : await detectPyprojectVersionFiles(dir, pyproject, notes);
    tagDerived = fromPyproject?.scm != null;
    if (tagDerived) notes.push(`tag-derived: no file to update (${fromPyproject?.scm ?? ''})`);
    else {
      // Files named by the build configuration should exist; the others are guesses.
      const named = [
        ...(fromPyproject?.targets ?? []),
        ...(await setupCfgTargets(dir, await read('setup.cfg'), notes)),
      ];
      const guessed: UpdateTarget[] = [
        ...(await packageInitTargets(dir, projectName)),
        { path: 'uv.lock', updater: 'uv-lock' },
        { path: 'package.json', updater: 'package-json' },
        { path: 'package-lock.json', updater: 'package-lock' },
      ];
      detected = [
        ...(await keepWorking(named.map(withName), read, notes, true)),
        ...(await keepWorking(guessed.map(withName), read, notes, false)),
      ];
    }
  }

  // A configured pattern replaces what detection chose for its file; a configured plain path
  // that detection already covers adds nothing.
  const fromConfig: UpdateTarget[] = [];
  for (const entry of configured.versionFiles) {
    const path = normalizePath(entry.path);
    if (entry.pattern !== undefined)
      fromConfig.push({ path, updater: 'pattern', pattern: entry.pattern });
    else if (!detected.some((target) => target.path === path)) {
      fromConfig.push(withName({ path, updater: await updaterFor(path, read) }));
    }
  }
  const patterned = new Set(fromConfig.filter((t) => t.updater === 'pattern').map((t) => t.path));
  const kept = detected.filter((target) => !patterned.has(target.path));
  return { targets: dedupe([...kept, ...fromConfig]), tagDerived, notes };
}

/** Drops candidates whose file is missing or has no version where its updater looks. */
async function keepWorking(
  candidates: readonly UpdateTarget[],
  read: (path: string) => Promise<string | null>,
  notes: string[],
  mustExist: boolean,
): Promise<UpdateTarget[]> {
  const kept: UpdateTarget[] = [];
  for (const target of dedupe(candidates)) {
    const content = await read(target.path);
    if (content === null && mustExist) notes.push(`skipped ${target.path}: file not found`);
    if (content === null) continue;
    try {
      updaters[target.updater].update(content, PROBE, target);
      kept.push(target);
    } catch (error) {
      if (!(error instanceof SlipwayError)) throw error;
      notes.push(`skipped ${error.message}`);
    }
  }
  return kept;
}

async function setupCfgTargets(
  dir: string,
  text: string | null,
  notes: string[],
): Promise<UpdateTarget[]> {
  if (text === null) return [];
  const ini = readIni(text);
  const version = ini.get('metadata')?.get('version');
  if (version === undefined) return [];
  const attr = /^attr:\s*(\S+)$/.exec(version)?.[1];
  if (attr === undefined) return [{ path: 'setup.cfg', updater: 'setup-cfg' }];
  return attrTarget(dir, attr, parsePackageDir(ini.get('options')?.get('package_dir')), notes);
}

// `src/<pkg>/__init__.py` or `<pkg>/__init__.py` for the project's import name, and the one
// package under src/ when the import name differs (project "acme-tools", package "acme").
// Each is kept only when it holds a literal __version__.
async function packageInitTargets(
  dir: string,
  projectName: string | null,
): Promise<UpdateTarget[]> {
  const module = projectName?.toLowerCase().replace(/[-.]+/g, '_');
  const named = module === undefined ? [] : [`src/${module}/__init__.py`, `${module}/__init__.py`];
  const srcPackages = await readdir(join(dir, 'src'), { withFileTypes: true }).then(
    (entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
    () => [],
  );
  const only = srcPackages.length === 1 ? [`src/${srcPackages[0] ?? ''}/__init__.py`] : [];
  return [...named, ...only].map((path) => ({ path, updater: 'python-version' }));
}

async function updaterFor(
  path: string,
  read: (path: string) => Promise<string | null>,
): Promise<UpdateTarget['updater']> {
  const updater = updaterForPath(path);
  if (updater === null) {
    throw new SlipwayError('CONFIG_INVALID', `version-files: ${path} needs a pattern`, {
      subject: path,
    });
  }
  // A Poetry project's pyproject.toml keeps its version under [tool.poetry].
  if (updater === 'pyproject-project') {
    const text = (await read(path)) ?? '';
    if (!/^\s*\[project\]/m.test(text) && /^\s*\[tool\.poetry\]/m.test(text))
      return 'pyproject-poetry';
  }
  return updater;
}

function dedupe(targets: readonly UpdateTarget[]): UpdateTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = `${target.path}\0${target.updater}\0${target.pattern ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pyprojectName(pyproject: Readonly<Record<string, unknown>> | null): string | null {
  if (pyproject === null) return null;
  const name =
    tableAt(pyproject, ['project'])?.['name'] ?? tableAt(pyproject, ['tool', 'poetry'])?.['name'];
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

function setupCfgName(text: string | null): string | null {
  return text === null ? null : (readIni(text).get('metadata')?.get('name') ?? null);
}

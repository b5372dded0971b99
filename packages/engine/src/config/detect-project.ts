import { access } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { SchemeName } from '@slipway/core';
import { readTextFile } from './read-toml-file.js';

export interface DetectedProject {
  readonly name: string;
  readonly scheme: SchemeName;
  readonly warnings: readonly string[];
}

const PYTHON_MARKERS = ['pyproject.toml', 'setup.cfg', 'setup.py'];

/**
 * Zero-config answers for `name` and `scheme`. `pyproject` is the already parsed
 * pyproject.toml (null when absent), so the file is read once.
 */
export async function detectProject(
  dir: string,
  pyproject: Readonly<Record<string, unknown>> | null,
): Promise<DetectedProject> {
  const warnings: string[] = [];
  const python = pyproject !== null || (await anyExists(dir, PYTHON_MARKERS));
  const name =
    pythonName(pyproject) ?? (await packageJsonName(dir, warnings)) ?? basename(resolve(dir));
  return { name, scheme: python ? 'pep440' : 'semver', warnings };
}

function pythonName(pyproject: Readonly<Record<string, unknown>> | null): string | null {
  if (pyproject === null) return null;
  const project = tableAt(pyproject, ['project']);
  const poetry = tableAt(pyproject, ['tool', 'poetry']);
  return nonEmptyString(project?.['name']) ?? nonEmptyString(poetry?.['name']);
}

async function packageJsonName(dir: string, warnings: string[]): Promise<string | null> {
  const text = await readTextFile(join(dir, 'package.json'));
  if (text === null) return null;
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && 'name' in json
      ? nonEmptyString(json.name)
      : null;
  } catch {
    warnings.push('package.json is not valid JSON; its name was not used');
    return null;
  }
}

export function tableAt(
  root: Readonly<Record<string, unknown>>,
  path: readonly string[],
): Readonly<Record<string, unknown>> | null {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

async function anyExists(dir: string, names: readonly string[]): Promise<boolean> {
  const found = await Promise.all(
    names.map((name) =>
      access(join(dir, name)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.includes(true);
}

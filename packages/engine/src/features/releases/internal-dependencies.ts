import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { PackageTarget } from '../../config/index.js';

/** PEP 503: names compare lower-cased with runs of `-`, `_` and `.` as one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Which packages each package depends on, by key: the configured `depends-on`, and the other
 * packages named in its pyproject.toml (PEP 621 and Poetry dependencies) or package.json
 * (dependencies, devDependencies, peerDependencies, optionalDependencies).
 */
export async function internalDependencies(
  topLevel: string,
  targets: readonly PackageTarget[],
): Promise<Map<string, Set<string>>> {
  const keyByName = new Map<string, string>();
  for (const target of targets) {
    keyByName.set(normalizePythonName(target.config.name), target.key);
    keyByName.set(target.config.name, target.key);
  }
  const result = new Map<string, Set<string>>();
  await Promise.all(
    targets.map(async (target) => {
      const names = await manifestDependencies(join(topLevel, target.path));
      const keys = new Set<string>(target.dependsOn);
      for (const name of names) {
        const key = keyByName.get(name) ?? keyByName.get(normalizePythonName(name));
        if (key !== undefined && key !== target.key) keys.add(key);
      }
      result.set(target.key, keys);
    }),
  );
  return result;
}

async function manifestDependencies(dir: string): Promise<string[]> {
  const names: string[] = [];
  const pyproject = await readOptional(join(dir, 'pyproject.toml'));
  if (pyproject !== null) {
    try {
      const toml = parseToml(pyproject) as Record<string, unknown>;
      const project = (toml['project'] ?? {}) as Record<string, unknown>;
      const specifiers = [
        ...asStrings(project['dependencies']),
        ...Object.values(
          (project['optional-dependencies'] ?? {}) as Record<string, unknown>,
        ).flatMap(asStrings),
      ];
      for (const specifier of specifiers) {
        const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(specifier)?.[1];
        if (name !== undefined) names.push(name);
      }
      const poetry = ((toml['tool'] ?? {}) as Record<string, unknown>)['poetry'] as
        Record<string, unknown> | undefined;
      names.push(...Object.keys((poetry?.['dependencies'] ?? {}) as Record<string, unknown>));
    } catch {
      // An unreadable pyproject.toml is reported by the version-file step; here it names nothing.
    }
  }
  const manifest = await readOptional(join(dir, 'package.json'));
  if (manifest !== null) {
    try {
      const json = JSON.parse(manifest) as Record<string, unknown>;
      for (const field of [
        'dependencies',
        'devDependencies',
        'peerDependencies',
        'optionalDependencies',
      ]) {
        names.push(...Object.keys((json[field] ?? {}) as Record<string, unknown>));
      }
    } catch {
      // As above.
    }
  }
  return names;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

import { access } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The module file setuptools reads for `attr: pkg.mod.__version__`, relative to `dir`.
 * `packageDir` is setuptools' package-dir mapping ("" for the root of all packages); without
 * one, the src layout is tried before the flat layout, as setuptools' auto-discovery does.
 */
export async function resolveAttrModule(
  dir: string,
  attr: string,
  packageDir: Readonly<Record<string, string>>,
): Promise<string | null> {
  const parts = attr.split('.');
  const modules = parts.slice(0, -1);
  const [top] = modules;
  if (top === undefined) return null;
  const mapped = packageDir[top];
  const root = packageDir[''];
  const bases =
    mapped !== undefined
      ? [[mapped, ...modules.slice(1)]]
      : root !== undefined
        ? [[root, ...modules]]
        : [['src', ...modules], modules];
  for (const base of bases) {
    const stem = base.filter((part) => part !== '' && part !== '.').join('/');
    for (const candidate of [`${stem}.py`, `${stem}/__init__.py`]) {
      if (await exists(join(dir, candidate))) return candidate;
    }
  }
  return null;
}

/** setup.cfg's `package_dir` value (`=src` or lines of `name = path`) as a mapping. */
export function parsePackageDir(value: string | undefined): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const line of (value ?? '').split('\n')) {
    const pair = /^\s*([^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (pair !== null) mapping[pair[1] ?? ''] = pair[2] ?? '';
  }
  return mapping;
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

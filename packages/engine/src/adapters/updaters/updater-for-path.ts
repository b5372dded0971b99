import type { UpdaterName } from './updater.js';

/** The updater a configured path gets from its file name alone; null: it needs a pattern. */
export function updaterForPath(path: string): UpdaterName | null {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (name === 'pyproject.toml') return 'pyproject-project';
  if (name === 'setup.cfg') return 'setup-cfg';
  if (name === 'package.json') return 'package-json';
  if (name === 'package-lock.json') return 'package-lock';
  if (name === 'uv.lock') return 'uv-lock';
  if (name.endsWith('.py')) return 'python-version';
  return null;
}

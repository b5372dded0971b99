import { packageJsonUpdater, packageLockUpdater } from './package-json-updater.js';
import { patternUpdater } from './pattern-updater.js';
import { pyprojectPoetryUpdater } from './pyproject-poetry-updater.js';
import { pyprojectProjectUpdater } from './pyproject-project-updater.js';
import { pythonVersionUpdater } from './python-version-updater.js';
import { setupCfgUpdater } from './setup-cfg-updater.js';
import type { Updater, UpdaterName } from './updater.js';
import { uvLockUpdater } from './uv-lock-updater.js';

/** One updater per version-file format, by name: the plain map the rest of Slipway looks in. */
export const updaters: Readonly<Record<UpdaterName, Updater>> = {
  'pyproject-project': pyprojectProjectUpdater,
  'pyproject-poetry': pyprojectPoetryUpdater,
  'setup-cfg': setupCfgUpdater,
  'python-version': pythonVersionUpdater,
  'package-json': packageJsonUpdater,
  'package-lock': packageLockUpdater,
  'uv-lock': uvLockUpdater,
  pattern: patternUpdater,
};

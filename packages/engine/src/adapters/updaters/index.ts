export type { Updater, UpdaterName, UpdateTarget, VersionRenderings } from './updater.js';
export { updaters } from './updaters.js';
export { applyVersionUpdates } from './apply-version-updates.js';
export { detectVersionFiles, type DetectedVersionFiles } from './detect-version-files.js';
export { updaterForPath } from './updater-for-path.js';
export type { VersionFileConfig, VersionFilesConfig } from '../../config/sections/version-files.js';
export {
  updateNpmDependencies,
  updatePythonRequirements,
  type SpecifierUpdate,
} from './dependency-specifiers.js';

import * as z from 'zod';
import { updaterForPath } from '../../adapters/updaters/updater-for-path.js';

const relativePath = z
  .string()
  .min(1, { error: 'must not be empty' })
  .refine((path) => !/^(?:[\\/]|[A-Za-z]:)/.test(path), {
    error: 'must be relative to the package directory',
  })
  .refine((path) => !path.split(/[\\/]/).includes('..'), {
    error: 'must stay inside the package directory (no "..")',
  });

const versionPattern = z
  .string()
  .refine((pattern) => pattern.includes('{version}'), { error: 'must contain {version}' });

const versionFileEntry = z.union([
  relativePath.refine((path) => updaterForPath(path) !== null, {
    error:
      'needs a pattern: only pyproject.toml, setup.cfg, *.py, package.json, package-lock.json ' +
      'and uv.lock are recognized by name (write { path = "…", pattern = "… {version} …" })',
  }),
  z.strictObject({ path: relativePath, pattern: versionPattern }),
]);

/** The two top-level keys, in TOML's kebab-case: spread into the config file schema. */
export const versionFilesKeys = {
  'version-files': z.array(versionFileEntry).optional(),
  'detect-version-files': z.boolean().optional(),
};

export const versionFilesFileSchema = z.strictObject(versionFilesKeys);

/** A configured version file: a path (updater chosen by file name) or a path with a pattern. */
export interface VersionFileConfig {
  readonly path: string;
  readonly pattern?: string;
}

/** camelCase with defaults: what `detectVersionFiles` takes. */
export const versionFilesConfigSchema = versionFilesFileSchema.transform((file) => ({
  versionFiles: (file['version-files'] ?? []).map((entry): VersionFileConfig =>
    typeof entry === 'string' ? { path: entry } : entry,
  ),
  detectVersionFiles: file['detect-version-files'] ?? true,
}));

export type VersionFilesConfig = z.output<typeof versionFilesConfigSchema>;

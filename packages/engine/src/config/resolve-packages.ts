import { join } from 'node:path';
import type { SlipwayConfig } from './config-schema.js';
import { detectProject } from './detect-project.js';
import { readTomlFile } from './read-toml-file.js';

/** A package to plan and release: its directory and its configuration, the top level's overlaid. */
export interface PackageTarget {
  /** The `[packages.<key>]` key; the package name for a single-package repository. */
  readonly key: string;
  /** Relative to the repository's top level; `.` for a single-package repository. */
  readonly path: string;
  readonly config: SlipwayConfig;
  /** Other packages' keys this one depends on (configured, and read from its manifest). */
  readonly dependsOn: readonly string[];
}

/**
 * The packages of the repository: the one package, or each `[packages.<key>]` with its own name,
 * scheme (detected in its directory), tag format (default `{name}-v{version}`), version files and
 * changelog; everything else comes from the top-level configuration.
 */
export async function resolvePackages(
  config: SlipwayConfig,
  topLevel: string,
): Promise<PackageTarget[]> {
  if (config.packages.length === 0) {
    return [{ key: config.name, path: '.', config, dependsOn: [] }];
  }
  return Promise.all(
    config.packages.map(async (settings): Promise<PackageTarget> => {
      const dir = join(topLevel, settings.path);
      const detected = await detectProject(dir, await readTomlFile(join(dir, 'pyproject.toml')));
      return {
        key: settings.key,
        path: settings.path,
        dependsOn: settings.dependsOn,
        config: {
          ...config,
          name: settings.name ?? detected.name,
          scheme: settings.scheme ?? detected.scheme,
          tagFormat: settings.tagFormat,
          firstRelease: settings.firstRelease ?? config.firstRelease,
          versionFiles: [...settings.versionFiles],
          detectVersionFiles: settings.detectVersionFiles,
          changelog: { ...config.changelog, file: settings.changelog },
        },
      };
    }),
  );
}

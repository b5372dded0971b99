import { isAbsolute, relative } from 'node:path';
import { loadFragmentConfig, readFragments } from '../fragments/index.js';
import type { ProjectFragments } from './plan-service.js';

/** The news fragments of the project at `topLevel`, with towncrier's settings when it has them. */
export async function readProjectFragments(topLevel: string): Promise<ProjectFragments> {
  const { config } = await loadFragmentConfig(topLevel);
  const { entries, problems } = await readFragments(topLevel, config);
  const directory = isAbsolute(config.directory)
    ? relative(topLevel, config.directory)
    : config.directory;
  return { entries, problems, directory: directory.replaceAll('\\', '/') };
}

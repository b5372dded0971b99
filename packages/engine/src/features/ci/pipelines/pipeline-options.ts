import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ciProviders = ['github', 'gitlab', 'buildkite', 'circleci', 'azure'] as const;
export type CiProvider = (typeof ciProviders)[number];

/** What the generated pipeline builds and where it deploys. */
export interface PipelineOptions {
  /** The catalog service `slipway deploy` and `promote` act on. */
  readonly service: string;
  /** Lifecycle order: the release deploys to the first, then is promoted through the rest. */
  readonly environments: readonly string[];
  /** Where the package is published, with trusted publishing where the CI supports it. */
  readonly publish: 'pypi' | 'npm' | 'none';
  readonly testCommand: string;
  readonly buildCommand: string;
  /** The trunk that releases. */
  readonly branch: string;
}

/** A file the generator writes, relative to the repository root. */
export interface PipelineFile {
  readonly path: string;
  readonly content: string;
}

/** Defaults from the project's files: a Python project builds with `build`, others with npm. */
export function defaultPipelineOptions(dir: string, service: string): PipelineOptions {
  const python = existsSync(join(dir, 'pyproject.toml'));
  return {
    service,
    environments: ['dev', 'staging', 'prod'],
    publish: python ? 'pypi' : 'npm',
    testCommand: python
      ? 'python -m pip install -e . pytest && python -m pytest'
      : 'npm ci && npm test',
    buildCommand: python
      ? 'python -m pip install build && python -m build --outdir dist'
      : 'npm ci && npm run build --if-present && npm pack --pack-destination dist',
    branch: 'main',
  };
}

import { parse } from 'smol-toml';
import { SlipwayError } from '@slipway/core';

/** PEP 517 backends Slipway knows by name (others build too; they are reported as is). */
export const knownBuildBackends: Readonly<Record<string, string>> = {
  'setuptools.build_meta': 'setuptools',
  'setuptools.build_meta:__legacy__': 'setuptools',
  'hatchling.build': 'hatchling',
  'pdm.backend': 'pdm-backend',
  'poetry.core.masonry.api': 'poetry-core',
  'flit_core.buildapi': 'flit-core',
};

export interface PythonProject {
  /** `[build-system] build-backend`; PEP 517's default (legacy setuptools) when absent. */
  readonly buildBackend: string;
  /** setuptools, hatchling, pdm-backend, poetry-core, flit-core, or the backend itself. */
  readonly backendName: string;
  /** `[project] name` (or poetry's `[tool.poetry] name`), when static. */
  readonly name: string | null;
}

/** Reads the build backend and project name from pyproject.toml's text. */
export function readPythonProject(pyprojectText: string, file = 'pyproject.toml'): PythonProject {
  let document: Record<string, unknown>;
  try {
    document = parse(pyprojectText) as Record<string, unknown>;
  } catch (error) {
    throw new SlipwayError('CONFIG_INVALID', `${file} is not valid TOML`, {
      subject: file,
      cause: error,
    });
  }
  const buildSystem = table(document['build-system']);
  const backend = buildSystem?.['build-backend'];
  const buildBackend =
    typeof backend === 'string' && backend !== '' ? backend : 'setuptools.build_meta:__legacy__';
  const project = table(document['project']);
  const poetry = table(table(document['tool'])?.['poetry']);
  const name = project?.['name'] ?? poetry?.['name'];
  return {
    buildBackend,
    backendName: knownBuildBackends[buildBackend] ?? buildBackend,
    name: typeof name === 'string' ? name : null,
  };
}

function table(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

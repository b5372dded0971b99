import { parse } from 'smol-toml';
import type { SbomComponent } from '@slipway/core';
import { pypiPurl } from '@slipway/core';
import type { LockContents } from './lock-contents.js';
import {
  asArray,
  asString,
  isRecord,
  lockError,
  pinnedVersion,
  requirementName,
} from './lock-contents.js';

export interface PyprojectDependencies {
  readonly name?: string;
  readonly version?: string;
  /** `[project].dependencies` names, plus Poetry's `[tool.poetry.dependencies]` (without python). */
  readonly runtime: readonly string[];
  /** As components: unpinned ones without a version. For projects without a lock file. */
  readonly contents: LockContents;
}

/**
 * `pyproject.toml`: the project's name and version (PEP 621, or Poetry 1's `[tool.poetry]`) and
 * its declared dependencies. Optional dependencies and PEP 735 dependency groups are `optional`.
 */
export function readPyprojectDependencies(
  text: string,
  source = 'pyproject.toml',
): PyprojectDependencies {
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    throw lockError(source, 'is not valid TOML', error);
  }
  const project = isRecord(document['project']) ? document['project'] : {};
  const tool = isRecord(document['tool']) ? document['tool'] : {};
  const poetry = isRecord(tool['poetry']) ? tool['poetry'] : {};
  const runtimeRequirements = asArray(project['dependencies']).filter(
    (d): d is string => typeof d === 'string',
  );
  const poetryRuntime = isRecord(poetry['dependencies'])
    ? Object.keys(poetry['dependencies']).filter((name) => name.toLowerCase() !== 'python')
    : [];
  const optionalRequirements = [
    ...Object.values(
      isRecord(project['optional-dependencies']) ? project['optional-dependencies'] : {},
    ),
    ...Object.values(isRecord(document['dependency-groups']) ? document['dependency-groups'] : {}),
  ].flatMap((list) => asArray(list).filter((d): d is string => typeof d === 'string'));
  const components: SbomComponent[] = [
    ...runtimeRequirements.map((r) => component(r, 'required', source)),
    ...poetryRuntime.map((name) => component(name, 'required', source)),
    ...optionalRequirements.map((r) => component(r, 'optional', source)),
  ].flatMap((c) => (c === null ? [] : [c]));
  const runtime = [
    ...runtimeRequirements.flatMap((r) => requirementName(r) ?? []),
    ...poetryRuntime,
  ];
  const name = asString(project['name']) ?? asString(poetry['name']);
  const version = asString(project['version']) ?? asString(poetry['version']);
  const direct = components
    .filter((c) => c.scope === 'required')
    .map((c) => pypiPurl(c.name, c.version));
  return {
    ...(name === undefined ? {} : { name }),
    ...(version === undefined ? {} : { version }),
    runtime,
    contents: { components, dependencies: [], direct },
  };
}

function component(
  requirement: string,
  scope: SbomComponent['scope'],
  source: string,
): SbomComponent | null {
  const name = requirementName(requirement);
  if (name === null) return null;
  const version = pinnedVersion(requirement);
  return {
    ecosystem: 'pypi',
    name,
    ...(version === undefined ? {} : { version }),
    hashes: [],
    scope,
    source,
  };
}

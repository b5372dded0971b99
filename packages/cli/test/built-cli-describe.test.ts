import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RepoStep } from '@slipway/test-utils';
import { cleanupTempDirs, cloneShallow, createGitRepo, isolatedGitEnv } from '@slipway/test-utils';
import { runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

// Debian's python3-setuptools-scm 7.1 (CI installs it); the system Python, not a virtualenv's.
const python = '/usr/bin/python3';
// A fixed build time for dirty trees: both tools honour SOURCE_DATE_EPOCH (2024-05-06 07:08:09 UTC).
const env = { SOURCE_DATE_EPOCH: '1714979289' };

beforeAll(() => {
  const probe = spawnSync(python, ['-c', 'import setuptools_scm; print(setuptools_scm.__file__)'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    throw new Error(
      `setuptools_scm is missing for ${python} (apt-get install python3-setuptools-scm): ${probe.stderr}`,
    );
  }
});

interface Case {
  readonly name: string;
  readonly steps: readonly RepoStep[];
  readonly versionScheme?: string;
  readonly localScheme?: string;
  /** Slipway's tag format, when not `v{version}`. */
  readonly tagFormat?: string;
  /** Modify a tracked file after the last step. */
  readonly dirty?: boolean;
}

const released: RepoStep[] = [{ commit: 'feat: a' }, { tag: 'v1.2.3' }];
const threeLater: RepoStep[] = [
  ...released,
  { commit: 'fix: b' },
  { commit: 'fix: c' },
  { commit: 'fix: d' },
];

const cases: Case[] = [
  { name: 'exact tag', steps: released },
  { name: 'exact annotated tag', steps: [{ commit: 'a' }, { tag: 'v2.0.0', message: 'two' }] },
  { name: 'distance', steps: threeLater },
  { name: 'dirty tree', steps: threeLater, dirty: true },
  { name: 'dirty at exact tag', steps: released, dirty: true },
  {
    name: 'v-prefixed pre-release',
    steps: [{ commit: 'a' }, { tag: 'v1.0.0rc1' }, { commit: 'b' }],
  },
  {
    name: 'unprefixed pre-release',
    steps: [{ commit: 'a' }, { tag: '1.0.0a1' }, { commit: 'b' }, { commit: 'c' }],
    tagFormat: '{version}',
  },
  {
    name: 'unprefixed tag',
    steps: [{ commit: 'a' }, { tag: '2.3.4' }, { commit: 'b' }],
    tagFormat: '{version}',
  },
  {
    name: 'SemVer pre-release tags',
    steps: [{ commit: 'a' }, { tag: 'v1.0.0-beta.1' }, { commit: 'b' }],
  },
  {
    name: 'SemVer pre-release without a number',
    steps: [{ commit: 'a' }, { tag: 'v2.0.0-beta' }, { commit: 'b' }],
  },
  { name: 'no tags', steps: [{ commit: 'a' }, { commit: 'b' }, { commit: 'c' }] },
  { name: 'no tags, dirty', steps: [{ commit: 'a' }], dirty: true },
  {
    name: 'merged branch counts both sides',
    steps: [
      ...released,
      { branch: 'topic' },
      { commit: 'feat: t1' },
      { commit: 'feat: t2' },
      { checkout: 'main' },
      { commit: 'fix: m1' },
      { merge: 'topic', noFf: true },
    ],
  },
  { name: 'no-guess-dev', steps: threeLater, versionScheme: 'no-guess-dev' },
  {
    name: 'no-guess-dev, dirty at tag',
    steps: released,
    versionScheme: 'no-guess-dev',
    dirty: true,
  },
  { name: 'post-release', steps: threeLater, versionScheme: 'post-release' },
  {
    name: 'release-branch-semver on main',
    steps: threeLater,
    versionScheme: 'release-branch-semver',
  },
  {
    name: 'release-branch-semver on a release branch',
    steps: [...released, { branch: 'release/1.2.x' }, { commit: 'fix: b' }],
    versionScheme: 'release-branch-semver',
  },
  {
    name: 'python-simplified-semver',
    steps: threeLater,
    versionScheme: 'python-simplified-semver',
  },
  {
    name: 'python-simplified-semver on a feature branch',
    steps: [...released, { branch: 'feature/x' }, { commit: 'feat: x' }],
    versionScheme: 'python-simplified-semver',
  },
  {
    name: 'python-simplified-semver at a tag',
    steps: [{ commit: 'a' }, { tag: 'v1.2' }],
    versionScheme: 'python-simplified-semver',
  },
  {
    name: 'node-and-timestamp, dirty',
    steps: threeLater,
    localScheme: 'node-and-timestamp',
    dirty: true,
  },
  { name: 'dirty-tag, dirty', steps: threeLater, localScheme: 'dirty-tag', dirty: true },
  { name: 'dirty-tag, clean', steps: threeLater, localScheme: 'dirty-tag' },
  {
    name: 'no-local-version, dirty',
    steps: threeLater,
    localScheme: 'no-local-version',
    dirty: true,
  },
];

function setUp(spec: Case) {
  const repo = createGitRepo(spec.steps);
  // Untracked, so it does not make the tree dirty for either tool.
  const lines = ['[project]', 'name = "demo"', '', '[tool.setuptools_scm]'];
  if (spec.versionScheme !== undefined) lines.push(`version_scheme = "${spec.versionScheme}"`);
  if (spec.localScheme !== undefined) lines.push(`local_scheme = "${spec.localScheme}"`);
  if (spec.tagFormat !== undefined)
    lines.push('', '[tool.slipway]', `tag-format = "${spec.tagFormat}"`);
  writeFileSync(join(repo.dir, 'pyproject.toml'), `${lines.join('\n')}\n`);
  if (spec.dirty === true) {
    const tracked = repo.git(['ls-files']).split('\n')[0] ?? '';
    appendFileSync(join(repo.dir, tracked), 'modified\n');
  }
  return repo;
}

function setuptoolsScm(dir: string): string {
  const result = spawnSync(python, ['-m', 'setuptools_scm'], {
    cwd: dir,
    env: isolatedGitEnv(env),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`setuptools_scm failed in ${dir}: ${result.stderr}`);
  return result.stdout.trim();
}

function slipwayDescribe(dir: string, spec: Case, extra: readonly string[] = []) {
  const args = ['describe', '-C', dir, ...extra];
  if (spec.versionScheme !== undefined) args.push('--version-scheme', spec.versionScheme);
  if (spec.localScheme !== undefined) args.push('--local-scheme', spec.localScheme);
  return runBuiltCli(args, { env: isolatedGitEnv(env) as Record<string, string> });
}

describe('slipway describe matches setuptools-scm 7.1 (built CLI)', () => {
  it.each(cases)('$name', (spec) => {
    const repo = setUp(spec);
    const expected = setuptoolsScm(repo.dir);
    const result = slipwayDescribe(repo.dir, spec);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(expected);
  });
});

describe('slipway describe (built CLI)', () => {
  it('prints the documented JSON shape', () => {
    const repo = setUp({ name: 'json', steps: threeLater, dirty: true });
    const result = slipwayDescribe(repo.dir, { name: 'json', steps: [] }, ['--json']);
    expect(result.status).toBe(0);
    const data = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual([
      'version',
      'scheme',
      'tag',
      'distance',
      'node',
      'dirty',
      'versionScheme',
      'localScheme',
    ]);
    expect(data).toMatchObject({
      version: setuptoolsScm(repo.dir),
      scheme: 'pep440',
      tag: 'v1.2.3',
      distance: 3,
      node: `g${repo.git(['rev-parse', '--short', 'HEAD'])}`,
      dirty: true,
      versionScheme: 'guess-next-dev',
      localScheme: 'node-and-date',
    });
  });

  it('renders the same version as SemVer with --scheme semver', () => {
    const repo = setUp({ name: 'semver', steps: threeLater });
    const pep440 = setuptoolsScm(repo.dir);
    const result = slipwayDescribe(repo.dir, { name: 'semver', steps: [] }, ['--scheme', 'semver']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(pep440.replace('.dev', '-dev.'));
  });

  it('honours SETUPTOOLS_SCM_PRETEND_VERSION as setuptools-scm does', () => {
    const repo = setUp({ name: 'pretend', steps: threeLater });
    const pretend = { ...env, SETUPTOOLS_SCM_PRETEND_VERSION_FOR_DEMO: '7.7.7rc1' };
    const expected = spawnSync(python, ['-m', 'setuptools_scm'], {
      cwd: repo.dir,
      env: isolatedGitEnv(pretend),
      encoding: 'utf8',
    }).stdout.trim();
    expect(expected).toBe('7.7.7rc1');
    const result = runBuiltCli(['describe', '-C', repo.dir], {
      env: isolatedGitEnv(pretend) as Record<string, string>,
    });
    expect(result.stdout.trim()).toBe(expected);
  });

  it.each([
    ['--version-scheme', 'calver', /unknown version scheme "calver" \(valid: guess-next-dev, /],
    ['--local-scheme', 'node', /unknown local scheme "node" \(valid: node-and-date, /],
    ['--scheme', 'calver', /unknown version scheme "calver" \(valid: semver, pep440\)/],
  ])('exits 2 naming a bad %s value', (option, value, message) => {
    const repo = setUp({ name: 'bad', steps: released });
    const result = runBuiltCli(['describe', '-C', repo.dir, option, value]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a shallow clone with GIT_SHALLOW and what to fetch', () => {
    const source = createGitRepo(threeLater);
    const clone = cloneShallow(source, 1);
    const result = runBuiltCli(['describe', '--json', '-C', clone.dir]);
    expect(result.status).toBe(1);
    const data = JSON.parse(result.stdout) as { error: { code: string; hint: string } };
    expect(data.error.code).toBe('GIT_SHALLOW');
    expect(data.error.hint).toMatch(/git fetch --unshallow --tags/);
  });
});

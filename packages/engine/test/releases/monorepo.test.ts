import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import {
  CliGit,
  CliGitWorkTree,
  checkReleasable,
  createPlanServiceFor,
  executeRelease,
  prepareRelease,
} from '../../src/index.js';
import type { PreparedRelease } from '../../src/index.js';

afterEach(() => cleanupTempDirs());

const config = `[packages.core]
path = "libs/core"

[packages.api]
path = "services/api"
`;
const corePyproject = '[project]\nname = "acme-core"\nversion = "1.0.0"\n';
const apiPyproject =
  '[project]\nname = "acme-api"\nversion = "2.0.0"\ndependencies = [\n  "acme-core>=1.0.0",\n  "httpx>=0.27",\n]\n';

function monorepo() {
  return createGitRepo([
    {
      commit: 'chore: set up',
      files: {
        'slipway.toml': config,
        'libs/core/pyproject.toml': corePyproject,
        'services/api/pyproject.toml': apiPyproject,
      },
    },
    { tag: 'acme-core-v1.0.0' },
    { tag: 'acme-api-v2.0.0' },
    { commit: 'fix(api): early fix', files: { 'services/api/app.py': 'x = 1\n' } },
    { commit: 'feat(core): faster parsing', files: { 'libs/core/parse.py': 'y = 2\n' } },
    { commit: 'docs: readme', files: { 'README.md': 'hello\n' } },
    {
      commit: 'feat: shared change',
      files: { 'libs/core/a.py': 'a\n', 'services/api/b.py': 'b\n' },
    },
  ]);
}

describe('monorepo planning', () => {
  it('plans every package from its own tags, counting the commits that touch it', async () => {
    const { dir } = monorepo();
    const contexts = await createPlanServiceFor(dir, { cache: false }).planAll();
    const byName = new Map(contexts.map((context) => [context.plan.name, context.plan]));
    expect([...byName.keys()].sort()).toEqual(['acme-api', 'acme-core']);
    expect(byName.get('acme-core')).toMatchObject({
      scheme: 'pep440',
      currentTag: 'acme-core-v1.0.0',
      nextVersion: '1.1.0',
      nextTag: 'acme-core-v1.1.0',
      commits: 2,
    });
    expect(byName.get('acme-api')).toMatchObject({
      currentVersion: '2.0.0',
      nextVersion: '2.1.0',
      commits: 2,
    });
  });

  it('gives a dependent package the dependent bump when its dependency is released', async () => {
    const repo = createGitRepo([
      {
        commit: 'chore: set up',
        files: {
          'slipway.toml': config,
          'libs/core/pyproject.toml': corePyproject,
          'services/api/pyproject.toml': apiPyproject,
        },
      },
      { tag: 'acme-core-v1.0.0' },
      { tag: 'acme-api-v2.0.0' },
      { commit: 'feat(core): new', files: { 'libs/core/new.py': 'n\n' } },
    ]);
    const contexts = await createPlanServiceFor(repo.dir, { cache: false }).planAll();
    const api = contexts.find((context) => context.plan.name === 'acme-api');
    expect(api?.plan.nextVersion).toBe('2.0.1');
    expect(api?.plan.reasons[0]?.commits[0]).toMatchObject({
      type: 'deps',
      scope: 'acme-core',
      description: 'acme-core 1.1.0',
    });
    expect(api?.dependencyUpdates).toEqual([
      { name: 'acme-core', version: '1.1.0', scheme: 'pep440' },
    ]);
  });

  it('starts each package after its own last release', async () => {
    const repo = monorepo();
    repo.git(['tag', 'acme-core-v1.1.0', 'HEAD~1']);
    const contexts = await createPlanServiceFor(repo.dir, { cache: false }).planAll();
    const core = contexts.find((context) => context.plan.name === 'acme-core');
    expect(core?.plan).toMatchObject({ currentVersion: '1.1.0', nextVersion: '1.2.0', commits: 1 });
  });

  it('selects one package with --package and names the packages when it is unknown', async () => {
    const { dir } = monorepo();
    const service = createPlanServiceFor(dir, { cache: false });
    expect((await service.plan({ package: 'core' })).plan.name).toBe('acme-core');
    await expect(service.plan({ package: 'web' })).rejects.toThrow(
      /no package "web".*core, api|api, core/,
    );
    await expect(service.plan()).rejects.toThrow(/several packages/);
  });

  it('releases the packages in one commit with a tag each, raising the dependent requirement', async () => {
    const repo = monorepo();
    const contexts = await createPlanServiceFor(repo.dir, { cache: false }).planAll();
    const git = new CliGit({ cwd: repo.dir });
    const prepared: PreparedRelease[] = [];
    for (const context of contexts) {
      const release = await prepareRelease(git, context, { date: '2026-11-26' });
      if (release !== null) prepared.push(release);
    }
    const worktree = new CliGitWorkTree({ cwd: repo.dir });
    await checkReleasable(worktree, prepared);
    const result = await executeRelease(worktree, prepared, { push: false });
    expect(result.releases.map((release) => release.tag).sort()).toEqual([
      'acme-api-v2.1.0',
      'acme-core-v1.1.0',
    ]);
    expect(repo.git(['log', '-1', '--format=%s'])).toMatch(/^chore\(release\): acme-(core|api) \d/);
    expect(readFileSync(join(repo.dir, 'libs/core/pyproject.toml'), 'utf8')).toContain(
      'version = "1.1.0"',
    );
    const api = readFileSync(join(repo.dir, 'services/api/pyproject.toml'), 'utf8');
    expect(api).toContain('version = "2.1.0"');
    expect(api).toContain('"acme-core>=1.1.0"');
    expect(api).toContain('"httpx>=0.27"');
    expect(readFileSync(join(repo.dir, 'libs/core/CHANGELOG.md'), 'utf8')).toContain(
      'faster parsing',
    );
    expect(readFileSync(join(repo.dir, 'services/api/CHANGELOG.md'), 'utf8')).toContain(
      'early fix',
    );
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '@slipway/core';
import type { GitRepo } from '@slipway/test-utils';
import { cleanupTempDirs, createGitRepo, makeTempDir, runGitSync } from '@slipway/test-utils';
import type { ReleaseStep } from '../../src/index.js';
import {
  CliGit,
  CliGitWorkTree,
  checkReleasable,
  createPlanServiceFor,
  executeRelease,
  prepareRelease,
} from '../../src/index.js';
import { gitState, pythonRepo, snapshot } from './release-fixtures.js';

afterEach(() => cleanupTempDirs());

async function prepare(repo: GitRepo) {
  const context = await createPlanServiceFor(repo.dir, { cache: false }).plan();
  const prepared = await prepareRelease(new CliGit({ cwd: repo.dir }), context, {
    date: '2026-11-26',
  });
  if (prepared === null) throw new Error('expected something to release');
  return prepared;
}

async function release(repo: GitRepo, options: { push?: boolean; failAt?: ReleaseStep } = {}) {
  const prepared = await prepare(repo);
  const worktree = new CliGitWorkTree({ cwd: repo.dir });
  await checkReleasable(worktree, prepared);
  return executeRelease(worktree, prepared, {
    push: options.push ?? false,
    beforeStep: (step) => {
      if (step === options.failAt) throw new Error(`injected failure at ${step}`);
    },
  });
}

async function failure(action: () => Promise<unknown>): Promise<SlipwayError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** A bare remote, optionally with a pre-receive hook that refuses every push. */
function bareRemote(repo: GitRepo, refuse: boolean): string {
  const remote = makeTempDir('slipway-remote-').path;
  runGitSync(remote, ['init', '-q', '--bare']);
  if (refuse) {
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "refused by policy" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
  }
  repo.git(['remote', 'add', 'origin', remote]);
  return remote;
}

describe('release on a real repository', () => {
  it('writes the version files and changelog, commits and tags', async () => {
    const repo = pythonRepo();
    const result = await release(repo);
    expect(result).toMatchObject({ version: '1.3.0', tag: 'v1.3.0', pushed: false });
    expect([...result.files].sort()).toEqual([
      'CHANGELOG.md',
      'pyproject.toml',
      'src/acme_tools/__init__.py',
    ]);
    expect(repo.git(['log', '-1', '--format=%s'])).toBe('chore(release): 1.3.0');
    expect(repo.git(['rev-parse', 'v1.3.0^{commit}'])).toBe(result.commit);
    expect(repo.git(['cat-file', '-t', 'v1.3.0'])).toBe('tag');
    expect(repo.git(['tag', '-l', '--format=%(contents)', 'v1.3.0'])).toContain('### Features');
    expect(readFileSync(join(repo.dir, 'pyproject.toml'), 'utf8')).toContain(
      'version = "1.3.0"  # kept comment',
    );
    expect(readFileSync(join(repo.dir, 'src/acme_tools/__init__.py'), 'utf8')).toContain(
      '__version__ = "1.3.0"',
    );
    expect(readFileSync(join(repo.dir, 'CHANGELOG.md'), 'utf8')).toContain(
      '## [1.3.0] - 2026-11-26',
    );
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('signs the tag when the repository signs tags (SSH key made for the test)', async () => {
    const repo = pythonRepo();
    const keys = makeTempDir('slipway-keys-').path;
    const key = join(keys, 'id_ed25519');
    const generated = spawnSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'release',
      '-f',
      key,
    ]);
    if (generated.status !== 0)
      throw new Error(`ssh-keygen failed: ${generated.stderr.toString()}`);
    const allowed = join(keys, 'allowed_signers');
    writeFileSync(allowed, `test@slipway.invalid ${readFileSync(`${key}.pub`, 'utf8')}`);
    const settings: [string, string][] = [
      ['gpg.format', 'ssh'],
      ['user.signingkey', key],
      ['tag.gpgSign', 'true'],
      ['gpg.ssh.allowedSignersFile', allowed],
    ];
    for (const [name, value] of settings) repo.git(['config', name, value]);
    await release(repo);
    const verified = spawnSync('git', ['tag', '-v', 'v1.3.0'], { cwd: repo.dir, encoding: 'utf8' });
    expect(verified.status).toBe(0);
    expect(verified.stderr).toMatch(/Good "git" signature/);
  });

  it('pushes branch and tag together', async () => {
    const repo = pythonRepo();
    const remote = bareRemote(repo, false);
    await release(repo, { push: true });
    expect(runGitSync(remote, ['rev-parse', 'refs/tags/v1.3.0^{commit}']).trim()).toBe(repo.head());
    expect(runGitSync(remote, ['rev-parse', 'refs/heads/main']).trim()).toBe(repo.head());
  });

  it.each<ReleaseStep>(['files', 'stage', 'commit', 'tag', 'push'])(
    'leaves files, index, commits and tags as they were when step "%s" fails',
    async (step) => {
      const repo = pythonRepo();
      bareRemote(repo, false);
      const files = snapshot(repo.dir);
      const state = gitState(repo);
      const error = await failure(() => release(repo, { push: true, failAt: step }));
      expect(error.code).toBe('RELEASE_FAILED');
      expect(error.message).toContain(`failed at step "${step}"`);
      expect(error.message).toContain('the repository is as it was');
      expect(snapshot(repo.dir)).toEqual(files);
      expect(gitState(repo)).toEqual(state);
    },
  );

  it('restores the files already written when a later file write fails', async () => {
    const repo = pythonRepo();
    const files = snapshot(repo.dir);
    const state = gitState(repo);
    const prepared = await prepare(repo);
    const worktree = new CliGitWorkTree({ cwd: repo.dir });
    let writes = 0;
    const error = await failure(() =>
      executeRelease(worktree, prepared, {
        push: false,
        beforeStep: (step) => {
          if (step === 'files' && ++writes === 3) throw new Error('disk full');
        },
      }),
    );
    expect(writes).toBe(3);
    expect(error.message).toMatch(/failed at step "files": disk full/);
    expect(snapshot(repo.dir)).toEqual(files);
    expect(gitState(repo)).toEqual(state);
  });

  it('rolls back when the remote refuses the push', async () => {
    const repo = pythonRepo();
    const remote = bareRemote(repo, true);
    const files = snapshot(repo.dir);
    const state = gitState(repo);
    const error = await failure(() => release(repo, { push: true }));
    expect(error.message).toMatch(/failed at step "push".*refused by policy/s);
    expect(snapshot(repo.dir)).toEqual(files);
    expect(gitState(repo)).toEqual(state);
    expect(runGitSync(remote, ['tag', '--list']).trim()).toBe('');
  });

  it('rolls back when a pre-commit hook fails', async () => {
    const repo = pythonRepo();
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    mkdirSync(join(repo.dir, '.git', 'hooks'), { recursive: true });
    writeFileSync(hook, '#!/bin/sh\necho "lint failed" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const files = snapshot(repo.dir);
    const state = gitState(repo);
    const error = await failure(() => release(repo));
    expect(error.message).toMatch(/failed at step "commit".*lint failed/s);
    expect(snapshot(repo.dir)).toEqual(files);
    expect(gitState(repo)).toEqual(state);
  });

  it('refuses a dirty work tree, naming the files', async () => {
    const repo = pythonRepo();
    writeFileSync(join(repo.dir, 'pyproject.toml'), '[project]\nname = "changed"\n');
    const error = await failure(() => release(repo));
    expect(error.code).toBe('WORKTREE_DIRTY');
    expect(error.message).toContain('pyproject.toml');
  });

  it('refuses a detached HEAD', async () => {
    const repo = pythonRepo();
    repo.git(['checkout', '-q', '--detach', 'HEAD']);
    expect((await failure(() => release(repo))).code).toBe('BRANCH_NOT_ALLOWED');
  });

  it('refuses a branch not configured to release', async () => {
    const repo = pythonRepo();
    repo.git(['checkout', '-q', '-b', 'topic/search']);
    const error = await failure(() => release(repo));
    expect(error.code).toBe('BRANCH_NOT_ALLOWED');
    expect(error.message).toContain('topic/search');
  });

  it('refuses an existing tag', async () => {
    const repo = pythonRepo();
    const other = createGitRepo([{ commit: 'chore: elsewhere' }]);
    repo.git(['fetch', '-q', other.dir, 'main:elsewhere']);
    repo.git(['tag', 'v1.3.0', 'elsewhere']);
    const error = await failure(() => release(repo));
    expect(error.code).toBe('TAG_EXISTS');
    expect(error.message).toContain('v1.3.0');
  });
});

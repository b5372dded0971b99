import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { GitRepo } from '@slipway/test-utils';
import { createGitRepo } from '@slipway/test-utils';

export const pyproject = '[project]\nname = "acme-tools"\nversion = "1.2.3"  # kept comment\n';
export const initPy = '"""Acme tools."""\n__version__ = "1.2.3"\n';

/** A released Python project with one feature waiting. */
export function pythonRepo(): GitRepo {
  return createGitRepo([
    {
      commit: 'feat: first',
      files: { 'pyproject.toml': pyproject, 'src/acme_tools/__init__.py': initPy },
    },
    { tag: 'v1.2.3' },
    { commit: 'feat(api): add search (#12)\n\nCloses #45' },
  ]);
}

/** Every file of the work tree (not .git) with its content: the "nothing left behind" check. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      if (name === '.git') continue;
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** HEAD, tags, index and status: the repository's state apart from the files. */
export function gitState(repo: GitRepo): Record<string, string> {
  return {
    head: repo.git(['rev-parse', 'HEAD']),
    branch: repo.git(['rev-parse', '--abbrev-ref', 'HEAD']),
    tags: repo.git(['tag', '--list']),
    status: repo.git(['status', '--porcelain', '--untracked-files=all']),
    index: repo.git(['ls-files', '--stage']),
  };
}

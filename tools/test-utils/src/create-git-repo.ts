import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFastImportScript } from './fast-import-script.js';
import { TEST_IDENTITY, type RepoStep } from './repo-steps.js';
import { runGitSync } from './run-git-sync.js';
import { makeTempDir } from './temp-dir.js';

export interface GitRepo {
  /** Absolute real path of the work tree. */
  readonly dir: string;
  /** Runs git in `dir` (isolated from the developer's config); returns stdout without trailing whitespace. */
  git(args: readonly string[]): string;
  /** The full SHA of HEAD. Throws in a repository without commits. */
  head(): string;
  cleanup(): void;
}

export interface GitRepoSpec {
  readonly steps?: readonly RepoStep[];
  /** Branch `git init` starts on; `main` by default. */
  readonly defaultBranch?: string;
}

// Written straight into .git/config: one file write instead of four `git config` processes.
const LOCAL_CONFIG = `[user]
\tname = ${TEST_IDENTITY.name}
\temail = ${TEST_IDENTITY.email}
[commit]
\tgpgsign = false
[tag]
\tgpgsign = false
[core]
\tautocrlf = false
`;

function openRepo(dir: string, cleanup: () => void): GitRepo {
  const git = (args: readonly string[]): string => runGitSync(dir, args).trimEnd();
  return { dir, git, head: () => git(['rev-parse', '--verify', 'HEAD^{commit}']), cleanup };
}

/**
 * Builds a throwaway repository from an inline list of steps with one `git fast-import`:
 * fixed identity and dates (a minute apart per commit), so the same steps give the same SHAs.
 */
export function createGitRepo(spec: readonly RepoStep[] | GitRepoSpec = []): GitRepo {
  const { steps = [], defaultBranch = 'main' }: GitRepoSpec = Array.isArray(spec)
    ? { steps: spec as readonly RepoStep[] }
    : (spec as GitRepoSpec);
  const temp = makeTempDir('slipway-repo-');
  try {
    runGitSync(temp.path, ['init', '-q', '-b', defaultBranch]);
    appendFileSync(join(temp.path, '.git', 'config'), LOCAL_CONFIG);
    const script = buildFastImportScript(steps, defaultBranch);
    if (script.commitCount > 0) {
      runGitSync(temp.path, ['fast-import', '--quiet', '--done'], { input: script.stream });
      if (script.headBranch !== null) {
        writeFileSync(join(temp.path, '.git', 'HEAD'), `ref: refs/heads/${script.headBranch}\n`);
      } else {
        const sha = runGitSync(temp.path, [
          'rev-parse',
          `refs/tags/${script.detachedAtTag ?? ''}^{commit}`,
        ]);
        writeFileSync(join(temp.path, '.git', 'HEAD'), sha);
      }
      // fast-import writes objects and refs only; this fills the index and the work tree.
      runGitSync(temp.path, ['reset', '-q', '--hard']);
    } else if (script.headBranch !== null && script.headBranch !== defaultBranch) {
      writeFileSync(join(temp.path, '.git', 'HEAD'), `ref: refs/heads/${script.headBranch}\n`);
    }
  } catch (error) {
    temp.cleanup();
    throw error;
  }
  return openRepo(temp.path, temp.cleanup);
}

/** A `--depth` clone of `source` over `file://` (a plain local path would ignore the depth). */
export function cloneShallow(source: GitRepo | string, depth: number): GitRepo {
  const from = typeof source === 'string' ? source : source.dir;
  const temp = makeTempDir('slipway-clone-');
  try {
    runGitSync(temp.path, ['clone', '-q', '--depth', String(depth), `file://${from}`, '.']);
    appendFileSync(join(temp.path, '.git', 'config'), LOCAL_CONFIG);
  } catch (error) {
    temp.cleanup();
    throw error;
  }
  return openRepo(temp.path, temp.cleanup);
}

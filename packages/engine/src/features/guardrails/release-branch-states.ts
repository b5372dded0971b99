import type { ReleaseBranchState } from '@slipway/core';
import { escapeRegExp, parseCommit } from '@slipway/core';
import type { GuardrailGitPort } from '../../adapters/git/guardrail-git-port.js';

/**
 * The release branches matching `patterns`, local or remote-tracking (CI clones often have only
 * `origin/…`; a local branch wins over its remote twin), each with its commits whose change is
 * not on `base` and the time it left `base`.
 */
export async function releaseBranchStates(
  git: GuardrailGitPort,
  patterns: readonly string[],
  base: string,
): Promise<ReleaseBranchState[]> {
  if (patterns.length === 0) return [];
  const globs = patterns.map(branchGlob);
  const refs = new Map<string, string>();
  for (const ref of await git.branches()) {
    const remote = /^[^/]+\/(.+)$/.exec(ref)?.[1];
    for (const name of [ref, remote]) {
      if (name === undefined || !globs.some((glob) => glob.test(name))) continue;
      if (name === ref || !refs.has(name)) refs.set(name, ref);
    }
  }
  const states: ReleaseBranchState[] = [];
  for (const [name, ref] of [...refs].sort(([a], [b]) => a.localeCompare(b))) {
    const [own, unported] = await Promise.all([
      git.commitSummaries(base, ref),
      git.unported(base, ref),
    ]);
    const unportedSet = new Set(unported);
    const oldest = own.at(-1);
    states.push({
      name,
      unported: own
        .filter((commit) => unportedSet.has(commit.sha) && commit.parents.length < 2)
        .filter((commit) => !isReleaseCommit(commit.subject))
        .map((commit) => ({ sha: commit.sha, header: commit.subject })),
      cutTime:
        oldest === undefined
          ? await git.commitTime(ref)
          : Math.min(...own.map((commit) => commit.committerTime)),
    });
  }
  return states;
}

// The release commit (version bump, changelog) belongs to the branch; it is never ported.
function isReleaseCommit(subject: string): boolean {
  const parsed = parseCommit({
    sha: '',
    parents: [],
    authorName: '',
    authorEmail: '',
    authorTime: 0,
    committerTime: 0,
    message: subject,
  });
  return parsed.changes.some((change) => change.type === 'chore' && change.scope === 'release');
}

function branchGlob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^/]*')}$`);
}

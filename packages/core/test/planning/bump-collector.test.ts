import { describe, expect, it } from 'vitest';
import type { BumpSummary, ParsedCommit } from '../../src/index.js';
import {
  BumpCollector,
  cancelReverts,
  collectBumps,
  defaultPlanningConfig,
  parseCommit,
} from '../../src/index.js';

let clock = 1_700_000_000;

/** A commit with a readable fake SHA (`<name>` padded to 40) and a clock a minute apart. */
function commit(name: string, message: string, time?: number): ParsedCommit {
  clock += 60;
  return parseCommit({
    sha: name.padEnd(40, '0'),
    parents: ['p'],
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    authorTime: time ?? clock,
    committerTime: time ?? clock,
    message,
  });
}

function summarize(commits: readonly ParsedCommit[], preMajor = false): BumpSummary {
  const collector = new BumpCollector(defaultPlanningConfig, preMajor);
  for (const item of commits) collector.add(item);
  return collector.finish();
}

/** What planRelease computed before summaries existed: collectBumps over the effective window. */
function expected(commits: readonly ParsedCommit[], preMajor = false) {
  const { effective, cancelled } = cancelReverts(commits);
  const collected = collectBumps(effective, defaultPlanningConfig, preMajor);
  return { collected, cancelled: cancelled.length };
}

function asCollected(summary: BumpSummary) {
  const reasons = (['major', 'minor', 'patch'] as const)
    .filter((level) => summary.reasons[level].length > 0)
    .map((level) => ({ bump: level, commits: summary.reasons[level] }));
  return {
    bump: reasons[0]?.bump ?? null,
    reasons,
    nonConventional: summary.nonConventional,
    releaseAs: summary.releaseAs,
  };
}

/** Newest first, as git prints them; with every kind of revert and a Release-As. */
function window(): ParsedCommit[] {
  const original = commit('a1', 'feat(api): add the thing');
  const chore = commit('a2', 'chore: tidy');
  const noted = commit('a3', 'fix: older fix\n\nRelease-As: 2.0.0');
  const bySha = commit(
    'a4',
    `revert: feat(api): add the thing\n\nThis reverts commit ${original.sha}.`,
  );
  const byHeader = commit('a5', 'Revert "chore: tidy"');
  const back = commit(
    'a6',
    `Revert "revert: feat(api): add the thing"\n\nThis reverts commit ${bySha.sha}.`,
  );
  const free = commit('a7', 'Update README');
  const breaking = commit('a8', 'refactor!: drop the old API\n\nRelease-As: 3.0.0');
  return [breaking, free, back, byHeader, bySha, noted, chore, original];
}

describe('the bump collector', () => {
  it('summarizes a window as collectBumps does after cancelling reverts', () => {
    for (const preMajor of [false, true]) {
      const commits = window();
      const { collected, cancelled } = expected(commits, preMajor);
      const summary = summarize(commits, preMajor);
      expect(asCollected(summary)).toEqual(collected);
      expect(summary.cancelledReverts).toBe(cancelled);
      expect(summary.commits).toBe(commits.length);
      expect(summary.cancelledReverts).toBeGreaterThan(1);
    }
  });

  it('puts newer commits in front of an older summary as one summary of both would', () => {
    const older = window();
    const newer = [commit('b2', 'feat: newer\n\nRelease-As: 4.0.0'), commit('b1', 'wip')];
    const collector = new BumpCollector(defaultPlanningConfig, false);
    for (const item of newer) collector.add(item);
    const merged = collector.finishOnto(summarize(older));
    expect(merged).toEqual(summarize([...newer, ...older]));
    expect(merged?.releaseAs?.value).toBe('4.0.0');
  });

  it('refuses to merge when the newer commits hold a revert', () => {
    const older = [commit('c1', 'feat: x')];
    const collector = new BumpCollector(defaultPlanningConfig, false);
    collector.add(commit('c2', `revert: feat: x\n\nThis reverts commit ${'c1'.padEnd(40, '0')}.`));
    expect(collector.finishOnto(summarize(older))).toBeNull();
  });

  it('refuses to merge when an older revert could name a newer commit', () => {
    const headerRevert = summarize([commit('d1', 'Revert "feat: late"', 2_000_000_000)]);
    const skewed = new BumpCollector(defaultPlanningConfig, false);
    skewed.add(commit('d2', 'feat: late', 1_000_000_000));
    expect(skewed.finishOnto(headerRevert)).toBeNull();

    const prefixRevert = summarize([
      commit('e1', 'revert: feat: y\n\nThis reverts commit abcdef12.'),
    ]);
    const named = new BumpCollector(defaultPlanningConfig, false);
    named.add(commit('abcdef12', 'feat: y'));
    expect(named.finishOnto(prefixRevert)).toBeNull();

    const unrelated = new BumpCollector(defaultPlanningConfig, false);
    unrelated.add(commit('f1', 'feat: late'));
    expect(unrelated.finishOnto(prefixRevert)).not.toBeNull();
  });
});

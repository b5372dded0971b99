import { afterEach, describe, expect, it } from 'vitest';
import { renderReleaseNotesMarkdown } from '@slipway/core';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import type { RepoStep } from '@slipway/test-utils';
import {
  CliGit,
  createPlanServiceFor,
  notesForPlan,
  notesMarkdownForPlan,
} from '../../src/index.js';

afterEach(() => cleanupTempDirs());

const date = { date: '2026-11-26' };

/** Both ways of printing the notes of `dir`: folded as lines, and rendered from the notes. */
async function bothWays(dir: string, cache: boolean) {
  const git = new CliGit({ cwd: dir });
  const lines = await createPlanServiceFor(dir, { cache }).plan({
    keepCommits: true,
    markdownOnly: true,
  });
  const entries = await createPlanServiceFor(dir, { cache }).plan({ keepCommits: true });
  const notes = await notesForPlan(git, entries, date);
  const chunks = await notesMarkdownForPlan(git, lines, date);
  return {
    lines: chunks === null ? null : chunks.join(''),
    entries: notes === null ? null : renderReleaseNotesMarkdown(notes),
    folded: lines.windowMarkdown !== null,
  };
}

const history: RepoStep[] = [
  { commit: 'feat: first' },
  { tag: 'v1.0.0' },
  { commit: 'feat(API): upper case scope (#12)\n\nCloses #4' },
  { commit: 'fix(api): lower case scope\n\nCo-authored-by: Bo <bo@example.com>' },
  { commit: 'perf: gone' },
  { commit: 'chore!: drop Python 3.8\n\nBREAKING CHANGE: Python 3.9 or newer.' },
  { commit: 'update the readme' },
  { commit: 'wip(x): an unlisted type' },
  { commit: 'revert: perf: gone' },
];

describe('notes printed as Markdown alone', () => {
  for (const cache of [false, true]) {
    it(`are folded as lines and read as the notes render (${cache ? 'with' : 'without'} a cache)`, async () => {
      const { dir } = createGitRepo(history);
      const { lines, entries, folded } = await bothWays(dir, cache);
      expect(folded).toBe(true);
      expect(lines).toBe(entries);
      // The revert cancelled its target: neither shows, nor the section it would be in.
      expect(lines).not.toContain('gone');
      expect(lines).not.toContain('### Performance');
      expect(lines).toContain('* **API:** upper case scope (#12) (');
      expect(lines).toContain('### ⚠ BREAKING CHANGES');
    });
  }

  it('keep the entries while news fragments wait, and render them the same', async () => {
    const { dir } = createGitRepo([
      ...history,
      { commit: 'docs: news', files: { 'newsfragments/4.feature.md': 'Scopes in any case.\n' } },
    ]);
    const { lines, entries, folded } = await bothWays(dir, false);
    expect(folded).toBe(false);
    expect(lines).toBe(entries);
    expect(lines).toContain('Scopes in any case.');
  });

  it('are null when nothing is releasable', async () => {
    const { dir } = createGitRepo([{ commit: 'feat: first' }, { tag: 'v1.0.0' }]);
    const { lines, entries } = await bothWays(dir, false);
    expect(lines).toBeNull();
    expect(entries).toBeNull();
  });
});

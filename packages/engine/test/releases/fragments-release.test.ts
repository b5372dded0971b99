import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReleaseNotesMarkdown } from '@slipway/core';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import {
  CliGit,
  CliGitWorkTree,
  checkReleasable,
  createPlanServiceFor,
  executeRelease,
  notesForPlan,
  prepareRelease,
} from '../../src/index.js';

afterEach(() => cleanupTempDirs());

function repoWithFragments() {
  return createGitRepo([
    {
      commit: 'feat: first',
      files: { 'package.json': '{\n  "name": "tools",\n  "version": "1.2.3"\n}\n' },
    },
    { tag: 'v1.2.3' },
    { commit: 'fix: parse dates\n\nCloses #45' },
    {
      commit: 'docs: news',
      files: {
        'newsfragments/45.bugfix.md': 'Dates with time zones are parsed correctly.\n',
        'newsfragments/+cli.feature.md': 'A new `--since` option.\n',
      },
    },
  ]);
}

describe('news fragments in plans, notes and releases', () => {
  it('bump the version with their type', async () => {
    const { dir } = repoWithFragments();
    const { plan } = await createPlanServiceFor(dir, { cache: false }).plan();
    expect(plan.nextVersion).toBe('1.3.0');
    const minor = plan.reasons.find((reason) => reason.bump === 'minor');
    expect(minor?.commits).toEqual([
      expect.objectContaining({ sha: '', fragment: '+cli.feature.md', type: 'feature' }),
    ]);
  });

  it('make one entry with the commit that closes the same issue', async () => {
    const { dir } = repoWithFragments();
    const context = await createPlanServiceFor(dir, { cache: false }).plan();
    const notes = await notesForPlan(new CliGit({ cwd: dir }), context, { date: '2026-11-26' });
    const entries = notes?.sections.flatMap((section) => section.entries) ?? [];
    const fix = entries.filter((entry) => entry.issues.some((issue) => issue.id === '45'));
    expect(fix).toHaveLength(1);
    expect(fix[0]).toMatchObject({
      description: 'Dates with time zones are parsed correctly.',
      fragment: '45.bugfix.md',
      type: 'fix',
    });
    expect(fix[0]?.sha).not.toBe('');
    const markdown = renderReleaseNotesMarkdown(notes ?? expect.fail('notes'));
    expect(markdown).toContain('A new `--since` option.');
    expect(markdown).not.toContain('parse dates');
  });

  it('are removed by the release commit that consumed them', async () => {
    const repo = repoWithFragments();
    const context = await createPlanServiceFor(repo.dir, { cache: false }).plan();
    const prepared = await prepareRelease(new CliGit({ cwd: repo.dir }), context, {
      date: '2026-11-26',
    });
    if (prepared === null) throw new Error('expected a release');
    const worktree = new CliGitWorkTree({ cwd: repo.dir });
    await checkReleasable(worktree, prepared);
    await executeRelease(worktree, prepared, { push: false });
    expect(existsSync(join(repo.dir, 'newsfragments/45.bugfix.md'))).toBe(false);
    expect(repo.git(['show', '--name-status', '--format=', 'HEAD'])).toContain(
      'D\tnewsfragments/+cli.feature.md',
    );
    expect(readFileSync(join(repo.dir, 'CHANGELOG.md'), 'utf8')).toContain('Dates with time zones');
    const after = await createPlanServiceFor(repo.dir, { cache: false }).plan();
    expect(after.plan.nextVersion).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createLinkBuilder, linkTemplatesFor } from '../../src/links/index.js';
import {
  buildReleaseNotes,
  defaultNotesConfig,
  renderReleaseNotesMarkdown,
  type NotesInput,
} from '../../src/notes/index.js';
import { change, commit } from './fixtures.js';

const base: Omit<NotesInput, 'commits'> = {
  version: '2.0.0',
  previousVersion: '1.4.0',
  tag: 'v2.0.0',
  previousTag: 'v1.4.0',
  date: '2026-11-26',
  config: defaultNotesConfig,
  links: null,
};

const titles = (input: NotesInput): string[] =>
  buildReleaseNotes(input).sections.map((section) => section.title);

describe('buildReleaseNotes', () => {
  it('orders sections as configured and leaves out empty and hidden ones', () => {
    const commits = [
      commit([change({ type: 'docs', description: 'd' })]),
      commit([change({ type: 'chore', description: 'c' })]),
      commit([change({ type: 'fix', description: 'f' })]),
      commit([change({ type: 'feat', description: 'a' })]),
      commit([change({ type: 'refactor', description: 'r' })]),
    ];
    expect(titles({ ...base, commits })).toEqual(['Features', 'Bug Fixes', 'Documentation']);
  });

  it('collects unconfigured, unhidden types under one section in first-seen order', () => {
    const commits = [
      commit([change({ type: 'ux', description: 's' })]),
      commit([change({ type: 'i18n', description: 'i' })]),
      commit([change({ type: 'ux', description: 't' })]),
    ];
    const [section] = buildReleaseNotes({ ...base, commits }).sections;
    expect(section?.title).toBe('Other Changes');
    expect(section?.types).toEqual(['ux', 'i18n']);
    expect(section?.entries.map((entry) => entry.description)).toEqual(['s', 'i', 't']);
  });

  it('shows a hidden type when a section lists it, keeping input order across its types', () => {
    const config = {
      ...defaultNotesConfig,
      sections: [{ types: ['fix', 'refactor'], title: 'Fixes and Refactors' }],
    };
    const commits = [
      commit([change({ type: 'refactor', description: 'r' })]),
      commit([change({ type: 'fix', description: 'f' })]),
    ];
    const notes = buildReleaseNotes({ ...base, config, commits });
    expect(notes.sections).toHaveLength(1);
    expect(notes.sections[0]?.entries.map((entry) => entry.description)).toEqual(['r', 'f']);
  });

  it('gives a fragment the entry of a hidden change that closes its issue, and stays hidden', () => {
    const closes = { id: '45', kind: 'number' as const, repository: null, closing: true };
    const notes = buildReleaseNotes({
      ...base,
      commits: [
        commit([change({ type: 'chore', description: 'tidy' })]),
        commit([change({ type: 'chore', description: 'fix the build', issues: [closes] })]),
        commit([change({ type: 'feat', description: 'shown' })]),
      ],
      fragments: [
        {
          file: '45.removal.md',
          type: 'removal',
          issue: '45',
          text: 'Old API removed.',
          bump: 'major',
          breaking: true,
        },
      ],
    });
    expect(notes.sections.map((section) => section.title)).toEqual(['Features']);
    expect(notes.breaking).toHaveLength(1);
    expect(notes.breaking[0]?.description).toBe('Old API removed.');
    expect(notes.breaking[0]?.entry.type).toBe('chore');
    expect(notes.breaking[0]?.entry.fragment).toBe('45.removal.md');
  });

  it('lists breaking changes of hidden types, with every BREAKING CHANGE text', () => {
    const commits = [
      commit([
        change({
          type: 'build',
          scope: 'deps',
          description: 'require Node 20',
          breaking: true,
          breakingNotes: ['Node 18 is no longer supported.', 'npm 10 is required.'],
        }),
      ]),
      commit([change({ type: 'fix', description: 'mark only', breaking: true })]),
    ];
    const notes = buildReleaseNotes({ ...base, commits });
    expect(
      notes.breaking.map(({ scope, description, explanation }) => ({
        scope,
        description,
        explanation,
      })),
    ).toEqual([
      { scope: null, description: 'mark only', explanation: null },
      {
        scope: 'deps',
        description: 'require Node 20',
        explanation: 'Node 18 is no longer supported.\n\nnpm 10 is required.',
      },
    ]);
    expect(titles({ ...base, commits })).toEqual(['Bug Fixes']);
  });

  it('sorts entries by scope, keeping the input order within a scope', () => {
    const commits = ['b:1', ':2', 'a:3', 'b:4', ':5', 'A:6'].map((spec) => {
      const [scope = '', description = ''] = spec.split(':');
      return commit([change({ type: 'feat', scope: scope === '' ? null : scope, description })]);
    });
    const entries = buildReleaseNotes({ ...base, commits }).sections[0]?.entries ?? [];
    expect(entries.map((entry) => `${entry.scope ?? ''}:${entry.description}`)).toEqual([
      ':2',
      ':5',
      'a:3',
      'A:6',
      'b:1',
      'b:4',
    ]);
  });

  it('makes each change of a squash merge its own entry sharing the commit sha', () => {
    const squash = commit([
      change({ type: 'feat', description: 'one' }),
      change({ type: 'feat', description: 'two' }),
      change({ type: 'fix', description: 'three' }),
    ]);
    const notes = buildReleaseNotes({ ...base, commits: [squash] });
    const shas = notes.sections.flatMap((section) => section.entries.map((entry) => entry.sha));
    expect(shas).toEqual([squash.sha, squash.sha, squash.sha]);
  });

  it('lists non-conventional commits only with showOther, never merge commits', () => {
    const commits = [
      commit([], { header: 'Fix typo' }),
      commit([], { header: 'Merge pull request #3 from a/b', merge: true }),
    ];
    expect(buildReleaseNotes({ ...base, commits }).other).toEqual([]);
    const shown = buildReleaseNotes({
      ...base,
      commits,
      config: { ...defaultNotesConfig, showOther: true },
    });
    expect(shown.other.map((entry) => [entry.type, entry.description])).toEqual([['', 'Fix typo']]);
  });

  it('counts contributors by email across authors and co-authors, once per commit', () => {
    const ada = { name: 'Ada', email: 'ada@example.com' };
    const bob = { name: 'Bob', email: null };
    const commits = [
      commit([change({ type: 'feat', description: 'a' })], { author: bob }),
      commit([change({ type: 'fix', description: 'b' })], {
        author: ada,
        coAuthors: [{ name: 'Ada L.', email: 'ADA@example.com' }, bob],
      }),
      commit([], { author: { name: 'Ada Lovelace', email: 'ada@example.com' } }),
    ];
    expect(buildReleaseNotes({ ...base, commits }).contributors).toEqual([
      { name: 'Ada', email: 'ada@example.com', commits: 2 },
      { name: 'Bob', email: null, commits: 2 },
    ]);
    const off = { ...defaultNotesConfig, contributors: false };
    expect(buildReleaseNotes({ ...base, commits, config: off }).contributors).toEqual([]);
  });

  it('links everything through the link builder, and nothing without one', () => {
    const links = createLinkBuilder({
      ...linkTemplatesFor({ host: 'gitlab.com', path: 'acme/widgets', forge: 'gitlab' }),
      keyIssue: 'https://jira.example.com/browse/{id}',
    });
    const commits = [
      commit([
        change({
          type: 'fix',
          description: 'handle empty input',
          pullRequests: [{ number: 17, sigil: '!', repository: null }],
          issues: [{ id: 'WID-9', kind: 'key', repository: null, closing: true }],
        }),
      ]),
    ];
    const notes = buildReleaseNotes({ ...base, commits, links });
    expect(notes.compareUrl).toBe('https://gitlab.com/acme/widgets/-/compare/v1.4.0...v2.0.0');
    const entry = notes.sections[0]?.entries[0];
    expect(entry?.pullRequests[0]?.url).toBe('https://gitlab.com/acme/widgets/-/merge_requests/17');
    expect(entry?.issues[0]?.url).toBe('https://jira.example.com/browse/WID-9');
    expect(entry?.commitUrl).toBe(
      `https://gitlab.com/acme/widgets/-/commit/${commits[0]?.sha ?? ''}`,
    );
    expect(renderReleaseNotesMarkdown(notes)).toContain(
      '* handle empty input ([!17](https://gitlab.com/acme/widgets/-/merge_requests/17))',
    );

    const plain = buildReleaseNotes({ ...base, commits });
    expect(plain.compareUrl).toBeNull();
    expect(plain.sections[0]?.entries[0]?.commitUrl).toBeNull();
  });

  it('has no compare link for a first release', () => {
    const links = createLinkBuilder(
      linkTemplatesFor({ host: 'github.com', path: 'acme/widgets', forge: 'github' }),
    );
    const notes = buildReleaseNotes({
      ...base,
      previousTag: null,
      previousVersion: null,
      commits: [],
      links,
    });
    expect(notes.compareUrl).toBeNull();
    expect(renderReleaseNotesMarkdown(notes).split('\n')[0]).toBe('## 2.0.0 (2026-11-26)');
  });

  it('keeps a trailing pull request number that is not one of the change references', () => {
    const commits = [
      commit([
        change({
          type: 'fix',
          description: 'retry flaky uploads (#12)',
          pullRequests: [{ number: 40, sigil: '#', repository: null }],
        }),
      ]),
    ];
    expect(buildReleaseNotes({ ...base, commits }).sections[0]?.entries[0]?.description).toBe(
      'retry flaky uploads (#12)',
    );
  });

  it('uses the configured breaking title', () => {
    const config = { ...defaultNotesConfig, breakingTitle: 'Breaking' };
    const commits = [commit([change({ type: 'feat', description: 'x', breaking: true })])];
    expect(renderReleaseNotesMarkdown(buildReleaseNotes({ ...base, config, commits }))).toContain(
      '### Breaking\n\n* x (',
    );
  });
});

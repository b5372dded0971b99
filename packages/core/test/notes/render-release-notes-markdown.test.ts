import { describe, expect, it } from 'vitest';
import { createLinkBuilder, linkTemplatesFor } from '../../src/links/index.js';
import {
  buildReleaseNotes,
  defaultNotesConfig,
  renderReleaseNotesMarkdown,
  type NotesInput,
} from '../../src/notes/index.js';
import { change, commit } from './fixtures.js';

const links = createLinkBuilder(
  linkTemplatesFor({ host: 'github.com', path: 'acme/widgets', forge: 'github' }),
);

const grace = { name: 'Grace Hopper', email: 'grace@example.com' };

// Newest first, as the window arrives from git.
const commits = [
  commit(
    [
      change({
        type: 'feat',
        scope: 'api',
        description: 'remove the v1 endpoints (#31)',
        breaking: true,
        breakingNotes: ['The `/v1` routes are gone.\n\nMove clients to `/v2` first.'],
        pullRequests: [{ number: 31, sigil: '#', repository: null }],
      }),
    ],
    { sha: 'f00dfeed'.repeat(5), author: grace },
  ),
  commit([
    change({
      type: 'fix',
      scope: 'parser',
      description: 'keep [brackets] and *stars* in `a[0]*b` literal',
      issues: [
        { id: '45', kind: 'number', repository: null, closing: true },
        { id: 'OPS-7', kind: 'key', repository: null, closing: false },
      ],
    }),
  ]),
  commit(
    [
      change({ type: 'feat', scope: 'cli', description: 'add --json to plan' }),
      change({ type: 'fix', description: 'exit 2 on usage errors' }),
      change({
        type: 'docs',
        description: 'explain channels',
        issues: [{ id: '9', kind: 'number', repository: 'acme/handbook', closing: false }],
      }),
    ],
    {
      sha: 'c0ffee00'.repeat(5),
      header: 'Squashed: cli improvements (#28)',
      coAuthors: [grace, { name: 'G. Hopper', email: 'GRACE@example.com' }],
    },
  ),
  commit([change({ type: 'chore', description: 'bump dev dependencies' })]),
  commit([change({ type: 'feat', description: 'add the notes command' })], {
    author: { name: 'Linus', email: null },
  }),
  commit([change({ type: 'security', description: 'pin actions by digest' })]),
  commit([], { header: 'Update README.md' }),
  commit([], { header: "Merge branch 'main' into topic", merge: true }),
];

const input: NotesInput = {
  version: '1.3.0',
  previousVersion: '1.2.0',
  tag: 'v1.3.0',
  previousTag: 'v1.2.0',
  date: '2026-11-26',
  commits,
  config: { ...defaultNotesConfig, showOther: true },
  links,
};

describe('renderReleaseNotesMarkdown', () => {
  it('renders a realistic release with links', () => {
    expect(renderReleaseNotesMarkdown(buildReleaseNotes(input))).toMatchInlineSnapshot(`
      "## [1.3.0](https://github.com/acme/widgets/compare/v1.2.0...v1.3.0) (2026-11-26)

      ### ⚠ BREAKING CHANGES

      * **api:** remove the v1 endpoints ([#31](https://github.com/acme/widgets/pull/31)) ([f00dfee](https://github.com/acme/widgets/commit/f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed))

        The \`/v1\` routes are gone.

        Move clients to \`/v2\` first.

      ### Features

      * add the notes command ([0005ab1](https://github.com/acme/widgets/commit/0005ab12cd34ab12cd34ab12cd34ab12cd34ef01))
      * **api:** remove the v1 endpoints ([#31](https://github.com/acme/widgets/pull/31)) ([f00dfee](https://github.com/acme/widgets/commit/f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed))
      * **cli:** add --json to plan ([c0ffee0](https://github.com/acme/widgets/commit/c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00))

      ### Security

      * pin actions by digest ([0006ab1](https://github.com/acme/widgets/commit/0006ab12cd34ab12cd34ab12cd34ab12cd34ef01))

      ### Bug Fixes

      * exit 2 on usage errors ([c0ffee0](https://github.com/acme/widgets/commit/c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00))
      * **parser:** keep \\[brackets\\] and \\*stars\\* in \`a[0]*b\` literal ([0002ab1](https://github.com/acme/widgets/commit/0002ab12cd34ab12cd34ab12cd34ab12cd34ef01)), closes [#45](https://github.com/acme/widgets/issues/45), refs OPS-7

      ### Documentation

      * explain channels ([c0ffee0](https://github.com/acme/widgets/commit/c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00)), refs [acme/handbook#9](https://github.com/acme/handbook/issues/9)

      ### Other

      * Update README.md ([0007ab1](https://github.com/acme/widgets/commit/0007ab12cd34ab12cd34ab12cd34ab12cd34ef01))

      ### Contributors

      * Ada Lovelace (6 commits)
      * Grace Hopper (2 commits)
      * Linus (1 commit)
      "
    `);
  });

  it('renders plain text without links', () => {
    const notes = buildReleaseNotes({ ...input, links: null, config: defaultNotesConfig });
    expect(renderReleaseNotesMarkdown(notes)).toMatchInlineSnapshot(`
      "## 1.3.0 (2026-11-26)

      ### ⚠ BREAKING CHANGES

      * **api:** remove the v1 endpoints (#31) (f00dfee)

        The \`/v1\` routes are gone.

        Move clients to \`/v2\` first.

      ### Features

      * add the notes command (0005ab1)
      * **api:** remove the v1 endpoints (#31) (f00dfee)
      * **cli:** add --json to plan (c0ffee0)

      ### Security

      * pin actions by digest (0006ab1)

      ### Bug Fixes

      * exit 2 on usage errors (c0ffee0)
      * **parser:** keep \\[brackets\\] and \\*stars\\* in \`a[0]*b\` literal (0002ab1), closes #45, refs OPS-7

      ### Documentation

      * explain channels (c0ffee0), refs acme/handbook#9

      ### Contributors

      * Ada Lovelace (6 commits)
      * Grace Hopper (2 commits)
      * Linus (1 commit)
      "
    `);
  });

  it('says so when nothing notable changed', () => {
    const notes = buildReleaseNotes({
      ...input,
      previousTag: null,
      commits: [commit([change({ type: 'ci', description: 'cache npm' })])],
      config: { ...defaultNotesConfig, contributors: false },
    });
    expect(renderReleaseNotesMarkdown(notes)).toBe(
      '## 1.3.0 (2026-11-26)\n\n_No notable changes._\n',
    );
  });

  it('is deterministic', () => {
    expect(renderReleaseNotesMarkdown(buildReleaseNotes(input))).toBe(
      renderReleaseNotesMarkdown(buildReleaseNotes({ ...input, commits: [...commits] })),
    );
  });
});

describe('entry text', () => {
  it('cannot open a heading or nested list at the start of an unscoped entry', () => {
    const notes = buildReleaseNotes({
      ...input,
      links: null,
      commits: [
        commit([change({ type: 'fix', description: '# of retries is capped' })]),
        commit([change({ type: 'fix', scope: 'io', description: '- leading dash' })]),
      ],
      config: { ...defaultNotesConfig, contributors: false },
    });
    const lines = renderReleaseNotesMarkdown(notes).split('\n');
    expect(lines.filter((line) => line.startsWith('* '))).toEqual([
      expect.stringMatching(/^\* \\# of retries is capped \(/),
      expect.stringMatching(/^\* \*\*io:\*\* - leading dash \(/),
    ]);
  });
});

describe('enriched entries', () => {
  it('thanks each pull request author once, in the order of first mention', () => {
    const notes = buildReleaseNotes({
      ...input,
      links: null,
      commits: [
        commit([
          change({
            type: 'fix',
            description: 'retry uploads',
            pullRequests: [
              { number: 7, sigil: '#', repository: null },
              { number: 8, sigil: '#', repository: null },
              { number: 9, sigil: '!', repository: 'acme/other' },
            ],
            issues: [
              { id: '3', kind: 'number', repository: null, closing: true },
              { id: '4', kind: 'number', repository: null, closing: false },
              { id: 'ABC-1', kind: 'key', repository: null, closing: true },
            ],
          }),
        ]),
      ],
      config: { ...defaultNotesConfig, contributors: false },
    });
    const [entry] = notes.sections[0]?.entries ?? [];
    if (entry === undefined) throw new Error('no entry');
    const authors = ['ann_b', 'cy', 'ann_b'];
    const enriched = {
      ...notes,
      sections: [
        {
          ...(notes.sections[0] as (typeof notes.sections)[number]),
          entries: [
            {
              ...entry,
              pullRequests: entry.pullRequests.map((ref, at) => ({
                ...ref,
                author: authors[at] ?? '',
              })),
            },
          ],
        },
      ],
    };
    const line = (text: string): string | undefined =>
      text.split('\n').find((row) => row.startsWith('* '));
    expect(line(renderReleaseNotesMarkdown(notes))).toBe(
      `* retry uploads (#7, #8, acme/other!9) (${entry.shortSha}), closes #3, ABC-1, refs #4`,
    );
    expect(line(renderReleaseNotesMarkdown(enriched))).toBe(
      `* retry uploads (#7, #8, acme/other!9) (${entry.shortSha}), closes #3, ABC-1, refs #4, thanks @ann\\_b, @cy`,
    );
  });
});

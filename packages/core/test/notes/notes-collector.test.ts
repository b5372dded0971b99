import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../../bench/generate-repo.js';
import { seededRandom } from '../../../../tools/test-utils/src/seeded-random.js';
import { createCommitParser } from '../../src/commits/index.js';
import { createLinkBuilder, linkTemplatesFor } from '../../src/links/index.js';
import type { ReleaseNotes } from '../../src/notes/index.js';
import {
  NotesCollector,
  buildReleaseNotes,
  defaultNotesConfig,
  renderReleaseNotesMarkdown,
} from '../../src/notes/index.js';
import { change, commit, fragment, heading, mixedNotesConfig } from './fixtures.js';

describe('the notes collector', () => {
  it('leaves out the positions it is told were cancelled, as notes of the rest would be', () => {
    const commits = [
      commit([change({ type: 'feat', description: 'kept' })]),
      commit([change({ type: 'fix', description: 'cancelled', breaking: true })], {
        author: { name: 'Gone', email: 'gone@example.com' },
      }),
      commit([change({ type: 'fix', description: 'also kept' })]),
    ];
    const collector = new NotesCollector(defaultNotesConfig, null);
    for (const item of commits) collector.add(item);
    const notes = collector.finish(heading, (index) => index !== 1);
    const rest = [commits[0], commits[2]].filter((item) => item !== undefined);
    expect(notes).toEqual(
      buildReleaseNotes({ ...heading, commits: rest, config: defaultNotesConfig, links: null }),
    );
    expect(notes.contributors.map((person) => person.name)).toEqual(['Ada Lovelace']);
  });

  it('finishes the same notes twice, fragments added once each time', () => {
    const collector = new NotesCollector(defaultNotesConfig, null);
    collector.add(commit([change({ type: 'feat', description: 'one' })]));
    const first = collector.finish({ ...heading, fragments: [fragment] });
    const second = collector.finish({ ...heading, fragments: [fragment] });
    expect(second).toEqual(first);
    expect(first.sections[0]?.entries).toHaveLength(2);
  });

  it('renders the lines it rendered while collecting as a fresh rendering would', () => {
    const links = createLinkBuilder(
      linkTemplatesFor({ host: 'github.com', path: 'acme/widgets', forge: 'github' }),
    );
    const collector = new NotesCollector(defaultNotesConfig, links);
    collector.add(
      commit([
        change({
          type: 'feat',
          scope: 'api',
          description: 'drop *v1* (#4)',
          breaking: true,
          breakingNotes: ['Use v2.'],
          pullRequests: [{ number: 4, sigil: '#', repository: null }],
          issues: [{ id: '9', kind: 'number', repository: null, closing: true }],
        }),
      ]),
    );
    collector.add(commit([change({ type: 'fix', description: '# of retries' })]));
    collector.add(commit([], { header: 'update the docs' }));
    const notes = collector.finish({ ...heading, fragments: [fragment] });
    // A plain copy has the same content and no lines rendered ahead.
    const copy = JSON.parse(JSON.stringify(notes)) as ReleaseNotes;
    expect(copy).toEqual(notes);
    const markdown = renderReleaseNotesMarkdown(notes);
    expect(markdown).toBe(renderReleaseNotesMarkdown(copy));
    expect(markdown).toContain('* **api:** drop \\*v1\\* ([#4](');
    // Notes whose entries were replaced (as forge enrichment does) render the new entries.
    const [section] = notes.sections;
    if (section === undefined) throw new Error('no section');
    const renamed = {
      ...notes,
      sections: [
        {
          ...section,
          entries: section.entries.map((entry) => ({ ...entry, description: 'renamed' })),
        },
      ],
    };
    expect(renderReleaseNotesMarkdown(renamed)).toContain('* **api:** renamed');
  });

  it('sorts sections and counts contributors as it collects, as grouping all at the end would', () => {
    const config = mixedNotesConfig;
    const parse = createCommitParser();
    const random = seededRandom(5);
    const people = ['Ada <a@x.io>', 'Bo <b@x.io>', 'Bo <bo@y.io>', 'Cy', 'ada <A@X.io>'];
    const collector = new NotesCollector(config, null);
    for (let index = 0; index < 2000; index++) {
      let message = commitMessage(random, index);
      // Scopes that differ only in case, and types nobody configured.
      if (index % 13 === 0) message = `feat(API): upper case scope ${index}\n`;
      if (index % 17 === 0) message = `wip(${index % 2 === 0 ? 'b' : 'a'}): unlisted ${index}\n`;
      if (index % 5 === 0) {
        message += `\nCo-authored-by: ${people[index % people.length] ?? ''}\n`;
      }
      const author = people[(index >> 3) % people.length]?.split(' <') ?? [];
      collector.add(
        parse({
          sha: index.toString(16).padStart(40, '0'),
          parents: index % 11 === 0 ? ['p1', 'p2'] : ['p1'],
          authorName: author[0] ?? '',
          authorEmail: (author[1] ?? '').replace('>', ''),
          authorTime: 0,
          committerTime: index,
          message,
        }),
      );
    }
    const sorted = collector.finish(heading);
    // Telling it every commit is kept takes the path that groups and sorts at the end.
    const grouped = collector.finish(heading, () => true);
    expect(sorted).toEqual(grouped);
    expect(sorted.sections.map((section) => section.title)).toEqual([
      'Features',
      'Fixes',
      'Speed and chores',
      'Other Changes',
    ]);
    expect(sorted.contributors.length).toBeGreaterThan(3);
    const markdown = renderReleaseNotesMarkdown(sorted);
    expect(markdown).toBe(renderReleaseNotesMarkdown(grouped));
    expect(markdown).toBe(renderReleaseNotesMarkdown(JSON.parse(JSON.stringify(sorted))));
  });
});

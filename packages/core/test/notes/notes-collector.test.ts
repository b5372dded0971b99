import { describe, expect, it } from 'vitest';
import { createLinkBuilder, linkTemplatesFor } from '../../src/links/index.js';
import type { ReleaseNotes } from '../../src/notes/index.js';
import {
  NotesCollector,
  buildReleaseNotes,
  defaultNotesConfig,
  renderReleaseNotesMarkdown,
} from '../../src/notes/index.js';
import { change, commit } from './fixtures.js';

const heading = {
  version: '2.0.0',
  previousVersion: '1.4.0',
  tag: 'v2.0.0',
  previousTag: 'v1.4.0',
  date: '2026-11-26',
};
const fragment = {
  file: '9.feature.md',
  type: 'feature',
  issue: null,
  text: 'From a fragment.',
  bump: 'minor' as const,
  breaking: false,
};

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
});

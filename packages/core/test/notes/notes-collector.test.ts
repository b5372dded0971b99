import { describe, expect, it } from 'vitest';
import { NotesCollector, buildReleaseNotes, defaultNotesConfig } from '../../src/notes/index.js';
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
});

import { NotesCollector } from './notes-collector.js';
import type { NotesInput, ReleaseNotes } from './release-notes.js';

/**
 * Groups the window's changes into the notes' sections. Pure and deterministic: the same input
 * gives the same notes, so a re-run of a release renders identical text.
 */
export function buildReleaseNotes(input: NotesInput): ReleaseNotes {
  const collector = new NotesCollector(input.config, input.links);
  for (const commit of input.commits) collector.add(commit);
  return collector.finish(input);
}

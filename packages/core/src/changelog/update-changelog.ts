import type { ChangelogHeading } from './changelog-headings.js';
import {
  fencedLines,
  findHeadings,
  findLinkDefinitions,
  isReleaseHeading,
  isUnreleasedHeading,
  versionMatcher,
} from './changelog-headings.js';
import type { ChangelogScheme } from './changelog-preamble.js';
import { changelogPreamble, guessChangelogScheme } from './changelog-preamble.js';

export interface ChangelogRelease {
  version: string;
  /** As written in the heading, normally YYYY-MM-DD. */
  date: string;
  compareUrl: string | null;
  /** Markdown of the release's sections, without the heading. */
  body: string;
}

export interface ChangelogOptions {
  /** Insert right after the line holding this text (towncrier's `start_string`). */
  marker?: string;
  /** Title of a new file; default "Changelog". */
  title?: string;
  /** The scheme a new file's preamble names; default: guessed from the version's shape. */
  scheme?: ChangelogScheme;
}

/**
 * Adds a release section to a Keep a Changelog file. Pure: returns the new file content and
 * whether it changed.
 *
 * - Heading `## [1.2.0] - 2026-11-26` with a link reference definition `[1.2.0]: url` at the
 *   bottom, as Keep a Changelog writes them; `[unreleased]: …compare/v1.1.0...HEAD` moves on.
 * - `## [Unreleased]` stays on top with its content untouched and the release goes right
 *   below it: the body is generated from commits and fragments, so moving hand-written
 *   Unreleased notes into it could duplicate them; people move or drop them deliberately.
 * - With a marker, the section goes right after the marker line; without one (or when the
 *   file has no marker), below Unreleased, else above the newest release, else at the end.
 * - Idempotent: when any heading already names the version, nothing changes.
 * - CRLF line endings and a missing final newline are kept.
 */
export function updateChangelog(
  existing: string | null,
  release: ChangelogRelease,
  options: ChangelogOptions = {},
): { content: string; changed: boolean } {
  if (existing === null || existing.trim() === '') {
    return { content: newChangelog(release, options), changed: true };
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = /\n$/.test(existing);
  // A byte order mark would hide the first heading; it is put back unchanged.
  const bom = existing.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = existing.slice(bom.length).replace(/\r\n/g, '\n').split('\n');
  if (finalNewline) lines.pop();

  const fenced = fencedLines(lines);
  const headings = findHeadings(lines, fenced);
  const namesVersion = versionMatcher(release.version);
  if (headings.some((heading) => namesVersion(heading.text))) {
    return { content: existing, changed: false };
  }
  const level = releaseLevel(headings);
  const at = insertionLine(lines, headings, fenced, options.marker);
  insertBlock(lines, at, sectionLines(release, level));
  if (release.compareUrl !== null) addLinkDefinition(lines, release.version, release.compareUrl);
  const content = bom + lines.join(eol) + (finalNewline ? eol : '');
  return { content, changed: content !== existing };
}

function newChangelog(release: ChangelogRelease, options: ChangelogOptions): string {
  const scheme = options.scheme ?? guessChangelogScheme(release.version);
  const lines = [...changelogPreamble(options.title ?? 'Changelog', scheme), '', '## [Unreleased]'];
  if (options.marker !== undefined) lines.push('', options.marker);
  lines.push('', ...sectionLines(release, 2));
  if (release.compareUrl !== null) {
    const unreleased = unreleasedUrl(release.compareUrl);
    lines.push('');
    if (unreleased !== null) lines.push(`[unreleased]: ${unreleased}`);
    lines.push(`[${release.version}]: ${release.compareUrl}`);
  }
  return `${lines.join('\n')}\n`;
}

function sectionLines(release: ChangelogRelease, level: number): string[] {
  const heading = `${'#'.repeat(level)} [${release.version}] - ${release.date}`;
  const body = release.body.replace(/\r\n/g, '\n').replace(/^\s*\n|\s+$/g, '');
  return body === '' ? [heading] : [heading, '', ...body.split('\n')];
}

// Releases share the level of the file's existing release (or Unreleased) headings.
function releaseLevel(headings: readonly ChangelogHeading[]): number {
  const sibling =
    headings.find((heading) => isUnreleasedHeading(heading)) ??
    headings.find((heading) => isReleaseHeading(heading));
  return sibling === undefined ? 2 : Math.max(sibling.level, 2);
}

function insertionLine(
  lines: readonly string[],
  headings: readonly ChangelogHeading[],
  fenced: Set<number>,
  marker: string | undefined,
): number {
  if (marker !== undefined && marker.trim() !== '') {
    const index = lines.findIndex((line, i) => !fenced.has(i) && line.includes(marker.trim()));
    if (index >= 0) return index + 1;
  }
  const unreleased = headings.find((heading) => isUnreleasedHeading(heading));
  if (unreleased !== undefined) {
    const next = headings.find((h) => h.line > unreleased.line && h.level <= unreleased.level);
    return next?.line ?? trailingLinksStart(lines, fenced, unreleased.line + 1);
  }
  const newest = headings.find((heading) => isReleaseHeading(heading));
  return newest?.line ?? trailingLinksStart(lines, fenced, 0);
}

// The block of link reference definitions (and blank lines) that ends the file, if any.
function trailingLinksStart(lines: readonly string[], fenced: Set<number>, floor: number): number {
  const definitions = new Set(findLinkDefinitions(lines, fenced).map((d) => d.line));
  let start = lines.length;
  let sawDefinition = false;
  for (let index = lines.length - 1; index >= floor; index -= 1) {
    const line = lines[index] ?? '';
    if (definitions.has(index)) sawDefinition = true;
    else if (line.trim() !== '') break;
    start = index;
  }
  if (!sawDefinition) return lines.length;
  // Keep the blank lines that separate the text from the definitions above the new section.
  while (start < lines.length && (lines[start] ?? '').trim() === '') start += 1;
  return start;
}

function insertBlock(lines: string[], at: number, block: readonly string[]): void {
  const before = lines[at - 1];
  const after = lines[at];
  const padded = [
    ...(before !== undefined && before.trim() !== '' ? [''] : []),
    ...block,
    ...(after !== undefined && after.trim() !== '' ? [''] : []),
  ];
  lines.splice(at, 0, ...padded);
}

function addLinkDefinition(lines: string[], version: string, url: string): void {
  const fenced = fencedLines(lines);
  const definitions = findLinkDefinitions(lines, fenced);
  const label = version.toLowerCase();
  if (definitions.some((d) => d.label === label || d.label === `v${label}`)) return;
  const definition = `[${version}]: ${url}`;
  const unreleased = definitions.find((d) => d.label === 'unreleased');
  if (unreleased !== undefined) {
    const moved = movedUnreleasedUrl(unreleased.url, url);
    if (moved !== null) {
      lines[unreleased.line] = (lines[unreleased.line] ?? '').replace(unreleased.url, moved);
    }
    lines.splice(unreleased.line + 1, 0, definition);
    return;
  }
  const firstRelease = definitions.find((d) => /(?<![\w.])v?\d+\.\d+/.test(d.label));
  if (firstRelease !== undefined) {
    lines.splice(firstRelease.line, 0, definition);
    return;
  }
  const last = definitions[definitions.length - 1];
  if (last !== undefined && last.line >= trailingLinksStart(lines, fenced, 0)) {
    lines.splice(last.line + 1, 0, definition);
    return;
  }
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  lines.push('', definition);
}

const compare = /^(.*\/compare\/)(.+?)\.\.\.(.+)$/;

// `…/compare/v1.1.0...HEAD` becomes `…/compare/v1.2.0...HEAD` once v1.2.0 is released.
function movedUnreleasedUrl(unreleasedUrl: string, releaseUrl: string): string | null {
  const current = compare.exec(unreleasedUrl);
  const released = compare.exec(releaseUrl);
  if (current?.[1] === undefined || released?.[3] === undefined) return null;
  if (current[3] !== 'HEAD') return null;
  return `${current[1]}${released[3]}...HEAD`;
}

function unreleasedUrl(releaseUrl: string): string | null {
  const released = compare.exec(releaseUrl);
  if (released?.[1] === undefined || released[3] === undefined) return null;
  return `${released[1]}${released[3]}...HEAD`;
}

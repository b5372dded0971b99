import { escapeRegExp } from '../text/escape-reg-exp.js';
/** A Markdown heading of a changelog: ATX (`## 1.2.0`) or setext (text over `===`/`---`). */
export interface ChangelogHeading {
  /** Index of the heading's text line in the file's lines. */
  readonly line: number;
  readonly level: number;
  /** The heading text without `#` marks. */
  readonly text: string;
  readonly setext: boolean;
}

const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const fence = /^ {0,3}(`{3,}|~{3,})/;
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/;
const linkDefinition = /^ {0,3}\[([^\]]+)\]:[ \t]*(\S+)/;

/** Lines inside fenced code blocks, where `#` starts a comment, not a heading. */
export function fencedLines(lines: readonly string[]): Set<number> {
  const fenced = new Set<number>();
  let open: string | null = null;
  lines.forEach((line, index) => {
    const match = fence.exec(line);
    if (open === null) {
      if (match?.[1] !== undefined) {
        open = match[1];
        fenced.add(index);
      }
      return;
    }
    fenced.add(index);
    if (match?.[1] !== undefined && match[1][0] === open[0] && match[1].length >= open.length) {
      open = null;
    }
  });
  return fenced;
}

export function findHeadings(lines: readonly string[], fenced: Set<number>): ChangelogHeading[] {
  const headings: ChangelogHeading[] = [];
  lines.forEach((line, index) => {
    if (fenced.has(index)) return;
    const match = atx.exec(line);
    if (match?.[1] !== undefined) {
      headings.push({
        line: index,
        level: match[1].length,
        text: (match[2] ?? '').trim(),
        setext: false,
      });
      return;
    }
    const next = lines[index + 1];
    const underline =
      next === undefined || fenced.has(index + 1) ? null : setextUnderline.exec(next);
    if (
      underline?.[1] !== undefined &&
      line.trim() !== '' &&
      !/^ {0,3}([-*+]|\d+[.)])\s/.test(line)
    ) {
      headings.push({
        line: index,
        level: underline[1].startsWith('=') ? 1 : 2,
        text: line.trim(),
        setext: true,
      });
    }
  });
  return headings;
}

export interface LinkDefinition {
  readonly line: number;
  /** Lower-cased, as Markdown matches labels case-insensitively. */
  readonly label: string;
  readonly url: string;
}

export function findLinkDefinitions(
  lines: readonly string[],
  fenced: Set<number>,
): LinkDefinition[] {
  const definitions: LinkDefinition[] = [];
  lines.forEach((line, index) => {
    if (fenced.has(index)) return;
    const match = linkDefinition.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      definitions.push({ line: index, label: match[1].trim().toLowerCase(), url: match[2] });
    }
  });
  return definitions;
}

/** `[Unreleased]`, `Unreleased`, `[Unreleased](url)`, in any case. */
export function isUnreleasedHeading(heading: ChangelogHeading): boolean {
  return /^\[?unreleased\b/i.test(heading.text);
}

const versionLike = /(?<![\w.])v?\d+\.\d+/;

/** A heading that names a release: it carries something shaped like a version. */
export function isReleaseHeading(heading: ChangelogHeading): boolean {
  return !isUnreleasedHeading(heading) && versionLike.test(heading.text);
}

/** A test for headings that name exactly `version` (`1.2.0` never matches `1.2.0rc1`). */
export function versionMatcher(version: string): (text: string) => boolean {
  const bare = version.replace(/^v/i, '');
  const escaped = escapeRegExp(bare);
  const pattern = new RegExp(`(?<![\\w.+])v?${escaped}(?![\\w.+-])`, 'i');
  return (text) => pattern.test(text);
}

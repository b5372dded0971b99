import { higherBump } from '../planning/bump-level.js';
import type { BumpLevel } from '../versions/version.js';
import type { FragmentConfig } from './fragment-types.js';
import { parseFragmentName } from './parse-fragment-name.js';

export interface FragmentEntry {
  /** Path relative to the fragment directory, with `/` separators. */
  file: string;
  type: string;
  /** Null for orphan fragments. */
  issue: string | null;
  /** The fragment's text, trimmed; empty for types that show no content. */
  text: string;
  bump: BumpLevel | null;
  /** The type bumps major: users must act (breaking, removal). */
  breaking: boolean;
}

export type ParseFragmentResult =
  | { readonly kind: 'entry'; readonly entry: FragmentEntry }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'problem'; readonly message: string };

export type FragmentParseConfig = Pick<FragmentConfig, 'types' | 'orphanPrefix' | 'ignore'>;

/**
 * Parses one fragment file. `file` is relative to the fragment directory; a fragment in a
 * subdirectory named after a type (towncrier's per-type directories) may omit the type from
 * its name (`feature/123.md`).
 */
export function parseFragment(
  file: string,
  content: string,
  config: FragmentParseConfig,
): ParseFragmentResult {
  const segments = file.split('/');
  const name = segments[segments.length - 1] ?? file;
  const folder = segments.length > 1 ? (segments[segments.length - 2] ?? null) : null;
  const keys = config.types.map((type) => type.key);
  const folderType = folder !== null && keys.includes(folder) ? folder : null;
  if (config.ignore?.some((pattern) => matchesWildcard(name, pattern)) === true) {
    return { kind: 'ignored' };
  }

  let parsed = parseFragmentName(name, keys, config.orphanPrefix);
  if (parsed.kind === 'problem' && folderType !== null) {
    // `feature/123.md`: the directory gives the type, the name is the issue.
    parsed = parseFragmentName(insertType(name, folderType), keys, config.orphanPrefix);
  }
  if (parsed.kind === 'ignored') return parsed;
  if (parsed.kind === 'problem') {
    return { kind: 'problem', message: prefixed(file, name, parsed.message) };
  }
  if (folderType !== null && parsed.type !== folderType) {
    return {
      kind: 'problem',
      message: `${file}: type "${parsed.type}" in the name contradicts the directory "${folderType}"`,
    };
  }
  const definition = config.types.find((type) => type.key === parsed.type);
  const text = normalizeText(content);
  const showContent = definition?.showContent ?? true;
  if (showContent && text === '') {
    return { kind: 'problem', message: `${file}: the fragment is empty` };
  }
  const bump = definition?.bump ?? null;
  return {
    kind: 'entry',
    entry: {
      file,
      type: parsed.type,
      issue: parsed.issue,
      text: showContent ? text : '',
      bump,
      breaking: bump === 'major',
    },
  };
}

/** The highest bump any fragment asks for; null when none asks for one. */
export function fragmentsBump(entries: readonly FragmentEntry[]): BumpLevel | null {
  return entries.reduce<BumpLevel | null>((level, entry) => higherBump(level, entry.bump), null);
}

/** fnmatch-style `*` and `?`, which is what towncrier's `ignore` patterns use. */
export function matchesWildcard(name: string, pattern: string): boolean {
  const source = [...pattern]
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`).test(name);
}

function insertType(name: string, type: string): string {
  const dot = name.indexOf('.', 1);
  return dot < 0 ? `${name}.${type}` : `${name.slice(0, dot)}.${type}${name.slice(dot)}`;
}

function prefixed(file: string, name: string, message: string): string {
  return file === name ? message : `${file}${message.slice(name.length)}`;
}

// One newline style, no trailing blanks: fragments are written by hand on every platform.
function normalizeText(content: string): string {
  return content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

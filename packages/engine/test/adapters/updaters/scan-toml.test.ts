import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { isKey, scanToml } from '../../../src/adapters/updaters/scan-toml.js';

// Syntax that a line-based scanner gets wrong: headers and keys inside strings and arrays,
// quoted keys with dots, escapes, dates with a space, comments everywhere.
const TRICKY = String.raw`# top comment
title = 'C:\path\' # literal string ending in a backslash
"quoted.key" = "a \" quote"
site."google.com" = true
when = 1979-05-27 07:32:00Z   # date-time with a space
multi = """
[project]
version = "0.0.0"
\"""still inside\"""
"""""
lit = '''
[tool.poetry]'''''
nested = [ [1, 2], ["a", "b"], { x = [ { y = "]" } ] } ]
spread = [
  # [not.a.header]
  "x", # comment,
]
[ project ] # spaces in the header
name = "acme"
version = "1.0" # the one
[ "tool" . 'poetry' ]
version = "2.0"
[[package]]
name = "a"
[[package]]
name = "b"
`;

const FIXTURES = join(import.meta.dirname, 'fixtures');

function tomlCorpus(): [string, string][] {
  const corpus: [string, string][] = [['tricky', TRICKY]];
  for (const updater of ['pyproject-project', 'pyproject-poetry', 'uv-lock']) {
    for (const fixture of readdirSync(join(FIXTURES, updater))) {
      for (const file of readdirSync(join(FIXTURES, updater, fixture))) {
        const text = readFileSync(join(FIXTURES, updater, fixture, file), 'utf8');
        if (/\.(toml|lock)$/.test(file) && isValidToml(text)) {
          corpus.push([`${updater}/${fixture}/${file}`, text]);
        }
      }
    }
  }
  return corpus;
}

describe('scanToml', () => {
  it.each(tomlCorpus())('every value span parses to the value smol-toml reads: %s', (_, text) => {
    const document = parse(text.replace(/^\uFEFF/, ''));
    const arrayIndex = new Map<string, number>();
    let lastSection = -1;
    for (const entry of scanToml(text, 'x.toml')) {
      const raw = text.slice(entry.valueStart, entry.valueEnd);
      const alone = parse(`v = ${raw}`)['v'];
      if (entry.arrayTable && entry.section !== lastSection) {
        const name = entry.table.join('.');
        arrayIndex.set(name, (arrayIndex.get(name) ?? -1) + 1);
      }
      lastSection = entry.section;
      // A table path through an array of tables means its current (latest) element.
      let node: unknown = document;
      entry.table.forEach((part, index) => {
        node = (node as Record<string, unknown>)[part];
        const name = entry.table.slice(0, index + 1).join('.');
        if (Array.isArray(node)) node = node[arrayIndex.get(name) ?? 0] as unknown;
      });
      for (const part of entry.key) node = (node as Record<string, unknown>)[part];
      expect(alone).toEqual(node);
    }
  });

  it('finds keys by table and dotted path, not inside strings or arrays', () => {
    const entries = scanToml(TRICKY, 'x.toml');
    const values = (path: string[]): string[] =>
      entries.filter((e) => isKey(e, path)).map((e) => TRICKY.slice(e.valueStart, e.valueEnd));
    expect(values(['project', 'version'])).toEqual(['"1.0"']);
    expect(values(['tool', 'poetry', 'version'])).toEqual(['"2.0"']);
    expect(values(['site', 'google.com'])).toEqual(['true']);
    expect(values(['when'])).toEqual(['1979-05-27 07:32:00Z']);
  });

  it('names the file and line of a syntax error', () => {
    expect(() => scanToml('[project]\nname = "acme\n', 'pyproject.toml')).toThrow(
      'pyproject.toml: not valid TOML at line 2: line break in a string',
    );
    expect(() => scanToml('a = [1, 2\n', 'uv.lock')).toThrow('uv.lock: not valid TOML at line 2');
  });
});

function isValidToml(text: string): boolean {
  try {
    parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson } from '../../../src/adapters/updaters/scan-json.js';

const ROOT = join(import.meta.dirname, '../../../../..');

describe('scanJson', () => {
  it('finds the root entries of a real package-lock.json, matching JSON.parse', () => {
    const text = readFileSync(join(ROOT, 'package-lock.json'), 'utf8');
    const lock = JSON.parse(text) as {
      version?: string;
      packages: Record<string, { version?: string }>;
    };
    const spans = scanJson(text, [['version'], ['packages', '', 'version']], 'package-lock.json');
    const expected = [lock.version, lock.packages['']?.version].filter((v) => v !== undefined);
    expect(spans.map((span) => JSON.parse(text.slice(span.start, span.end)) as unknown)).toEqual(
      expected,
    );
  });

  it('decodes escaped keys and skips escaped quotes inside strings', () => {
    const text =
      '{"a": "x\\\\", "b": "say \\"version\\": 1", "vers\\u0069on": "1.0", "n": [1, -2.5e3, true, null]}';
    const [span, ...rest] = scanJson(text, [['version'], ['n', '1']], 'x.json');
    expect(text.slice(span?.start, span?.end)).toBe('"1.0"');
    expect(rest.map((found) => [found.kind, text.slice(found.start, found.end)])).toEqual([
      ['other', '-2.5e3'],
    ]);
  });

  it('does not report a wanted key below the wanted depth', () => {
    const text = '{ "config": { "version": "9" }, "version": { "version": "1" } }';
    expect(scanJson(text, [['version']], 'package.json')).toEqual([
      {
        path: ['version'],
        kind: 'other',
        start: text.indexOf('{ "version": "1"'),
        end: text.length - 2,
      },
    ]);
  });

  it('names the file and line of invalid JSON', () => {
    expect(() => scanJson('{\n  "version": "1.0",\n}\n', [['version']], 'package.json')).toThrow(
      'package.json: not valid JSON at line 3',
    );
    expect(() => scanJson('{"version": "1.0\n"}', [['version']], 'package.json')).toThrow(
      'package.json: not valid JSON',
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangelogRelease } from '../../src/index.js';
import { updateChangelog } from '../../src/index.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

const release: ChangelogRelease = {
  version: '1.2.0',
  date: '2026-11-26',
  compareUrl: 'https://github.com/acme/example/compare/v1.1.0...v1.2.0',
  body: '### Features\n\n- Add export. (#12)\n',
};

describe('updateChangelog with real-world shapes', () => {
  it.each([
    ['keep-a-changelog', undefined],
    ['no-unreleased', undefined],
    ['towncrier-marker', '<!-- towncrier release notes start -->'],
    ['preamble-only', undefined],
  ])('updates %s', (name, marker) => {
    const input = fixture(`${name}.input.md`);
    const options = marker === undefined ? {} : { marker };
    const result = updateChangelog(input, release, options);
    expect(result.content).toBe(fixture(`${name}.expected.md`));
    expect(result.changed).toBe(true);
    // Idempotent: the second run finds the section and changes nothing.
    expect(updateChangelog(result.content, release, options)).toEqual({
      content: result.content,
      changed: false,
    });
  });
});

describe('updateChangelog on a new file', () => {
  it('writes the Keep a Changelog preamble, Unreleased and the release', () => {
    const { content, changed } = updateChangelog(null, release);
    expect(changed).toBe(true);
    expect(content).toBe(
      [
        '# Changelog',
        '',
        'All notable changes to this project will be documented in this file.',
        '',
        'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),',
        'and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).',
        '',
        '## [Unreleased]',
        '',
        '## [1.2.0] - 2026-11-26',
        '',
        '### Features',
        '',
        '- Add export. (#12)',
        '',
        '[unreleased]: https://github.com/acme/example/compare/v1.2.0...HEAD',
        '[1.2.0]: https://github.com/acme/example/compare/v1.1.0...v1.2.0',
        '',
      ].join('\n'),
    );
  });

  it('names PEP 440 for Python versions, and keeps the marker for the next run', () => {
    const marker = '<!-- version list -->';
    const first = updateChangelog(
      '',
      { version: '1.2.0rc1', date: '2026-11-26', compareUrl: null, body: '- One.' },
      { marker, title: 'History' },
    );
    expect(first.content).toMatch(/^# History\n/);
    expect(first.content).toContain('[PEP 440](https://peps.python.org/pep-0440/)');
    expect(first.content).toContain(
      `## [Unreleased]\n\n${marker}\n\n## [1.2.0rc1] - 2026-11-26\n\n- One.\n`,
    );
    const second = updateChangelog(
      first.content,
      { version: '1.2.0', date: '2026-11-27', compareUrl: null, body: '- Two.' },
      { marker },
    );
    expect(second.content).toContain(
      `${marker}\n\n## [1.2.0] - 2026-11-27\n\n- Two.\n\n## [1.2.0rc1] - 2026-11-26`,
    );
    expect(second.content).not.toMatch(/^\[1\.2\.0\]:/m);
  });

  it('chooses the scheme when told', () => {
    const { content } = updateChangelog(
      null,
      { ...release, compareUrl: null },
      { scheme: 'pep440' },
    );
    expect(content).toContain('PEP 440');
    expect(content).not.toContain('Semantic Versioning');
  });
});

describe('updateChangelog details', () => {
  it('keeps CRLF line endings', () => {
    const input = fixture('keep-a-changelog.input.md').replace(/\n/g, '\r\n');
    const { content } = updateChangelog(input, release);
    expect(content).toBe(fixture('keep-a-changelog.expected.md').replace(/\n/g, '\r\n'));
    expect(content.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps a byte order mark', () => {
    const input = `\uFEFF${fixture('keep-a-changelog.input.md')}`;
    const { content } = updateChangelog(input, release);
    expect(content).toBe(`\uFEFF${fixture('keep-a-changelog.expected.md')}`);
    // The first line's heading is still seen behind the mark.
    const released = '\uFEFF## [1.2.0] - 2026-11-26\n';
    expect(updateChangelog(released, release)).toEqual({ content: released, changed: false });
  });

  it('keeps a missing final newline', () => {
    const input = fixture('no-unreleased.input.md').replace(/\n$/, '');
    const { content } = updateChangelog(input, release);
    expect(content).toBe(fixture('no-unreleased.expected.md').replace(/\n$/, ''));
  });

  it.each([
    '## 1.2.0 (2026-11-26)\n\n- x\n',
    '## [1.2.0](https://example.test) - 2026-11-26\n',
    '# v1.2.0\n',
    '1.2.0 (2026-11-26)\n==================\n\n- towncrier rst-like heading\n',
  ])('does nothing when a heading already names the version: %j', (input) => {
    expect(updateChangelog(input, release)).toEqual({ content: input, changed: false });
  });

  it('tells a version from its pre-releases and post-releases', () => {
    for (const other of ['1.2.0rc1', '1.2.0-rc.1', '1.2.0.post1', '11.2.0', '1.2.01']) {
      const input = `# Changelog\n\n## ${other} (2026-11-01)\n\n- x\n`;
      expect(updateChangelog(input, release).changed).toBe(true);
    }
  });

  it('ignores version-like headings in fenced code', () => {
    const input = '# Changelog\n\n```md\n## 1.2.0\n```\n';
    const { content, changed } = updateChangelog(input, { ...release, compareUrl: null });
    expect(changed).toBe(true);
    expect(content).toBe(
      `${input}\n## [1.2.0] - 2026-11-26\n\n### Features\n\n- Add export. (#12)\n`,
    );
  });

  it('follows the level of the existing release headings', () => {
    const input = '# Changelog\n\n### 1.1.0\n\n- x\n';
    const { content } = updateChangelog(input, { ...release, compareUrl: null, body: '' });
    expect(content).toBe('# Changelog\n\n### [1.2.0] - 2026-11-26\n\n### 1.1.0\n\n- x\n');
  });

  it('falls back to the normal place when the marker is missing', () => {
    const input = fixture('no-unreleased.input.md');
    const withMarker = updateChangelog(input, release, { marker: '<!-- absent -->' });
    expect(withMarker.content).toBe(fixture('no-unreleased.expected.md'));
  });

  it('puts the release below an Unreleased section that ends the file', () => {
    const input =
      '# Changelog\n\n## [Unreleased]\n\n- pending\n\n[unreleased]: https://x.test/compare/v1.1.0...HEAD\n';
    const { content } = updateChangelog(input, release);
    expect(content).toBe(
      [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '- pending',
        '',
        '## [1.2.0] - 2026-11-26',
        '',
        '### Features',
        '',
        '- Add export. (#12)',
        '',
        '[unreleased]: https://x.test/compare/v1.2.0...HEAD',
        '[1.2.0]: https://github.com/acme/example/compare/v1.1.0...v1.2.0',
        '',
      ].join('\n'),
    );
  });

  it('does not add a second link definition for the version', () => {
    const input = '# Changelog\n\n## 1.1.0\n\n[1.2.0]: https://example.test/kept\n';
    const { content } = updateChangelog(input, release);
    expect(content.match(/^\[1\.2\.0\]:/gm)).toHaveLength(1);
    expect(content).toContain('[1.2.0]: https://example.test/kept');
  });
});

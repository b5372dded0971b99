import { describe, expect, it } from 'vitest';
import { projectHtml, projectJson, projectListHtml, projectListJson } from '../../src/index.js';
import type { PackageFile } from '../../src/index.js';

const hex = 'a'.repeat(64);
const metadataHex = 'b'.repeat(64);

function file(overrides: Partial<PackageFile> = {}): PackageFile {
  return {
    filename: 'sample-1.0.0-py3-none-any.whl',
    project: 'sample',
    version: '1.0.0',
    kind: 'wheel',
    digest: `sha256:${hex}`,
    size: 1234,
    requiresPython: '>=3.8',
    metadataDigest: `sha256:${metadataHex}`,
    yanked: false,
    uploadedAt: '2026-05-01T00:00:00.000Z',
    uploadedBy: 'token:1',
    ...overrides,
  };
}

describe('simple API pages', () => {
  it('renders PEP 691 JSON with core-metadata only, size and upload-time', () => {
    const sdist = file({
      filename: 'sample-1.0.0.tar.gz',
      kind: 'sdist',
      metadataDigest: null,
      requiresPython: null,
      yanked: 'broken build',
    });
    expect(
      JSON.parse(projectJson({ project: 'sample', files: [file(), sdist], versions: ['1.0.0'] })),
    ).toEqual({
      meta: { 'api-version': '1.1' },
      name: 'sample',
      versions: ['1.0.0'],
      files: [
        {
          filename: 'sample-1.0.0-py3-none-any.whl',
          url: `/files/${hex}/sample-1.0.0-py3-none-any.whl`,
          hashes: { sha256: hex },
          'requires-python': '>=3.8',
          'core-metadata': { sha256: metadataHex },
          yanked: false,
          size: 1234,
          'upload-time': '2026-05-01T00:00:00.000Z',
        },
        {
          filename: 'sample-1.0.0.tar.gz',
          url: `/files/${hex}/sample-1.0.0.tar.gz`,
          hashes: { sha256: hex },
          'core-metadata': false,
          yanked: 'broken build',
          size: 1234,
          'upload-time': '2026-05-01T00:00:00.000Z',
        },
      ],
    });
    expect(
      JSON.parse(projectJson({ project: 'sample', files: [file({ yanked: '' })], versions: [] }))
        .files[0].yanked,
    ).toBe(true);
  });

  it('renders PEP 503 HTML with escaped attributes, both metadata attributes and yanking', () => {
    const html = projectHtml({
      project: 'sample',
      files: [file({ requiresPython: '>=3.8,<4', yanked: 'use "2.0"' })],
      versions: ['1.0.0'],
    });
    expect(html).toContain('<meta name="pypi:repository-version" content="1.1">');
    expect(html).toContain(
      `<a href="/files/${hex}/sample-1.0.0-py3-none-any.whl#sha256=${hex}" data-requires-python="&gt;=3.8,&lt;4" data-dist-info-metadata="sha256=${metadataHex}" data-core-metadata="sha256=${metadataHex}" data-yanked="use &quot;2.0&quot;">sample-1.0.0-py3-none-any.whl</a>`,
    );
  });

  it('lists projects with relative links, so channels share the page', () => {
    expect(projectListHtml(['a-b', 'c'])).toContain('<a href="a-b/">a-b</a><br/>');
    expect(JSON.parse(projectListJson(['a-b']))).toEqual({
      meta: { 'api-version': '1.1' },
      projects: [{ name: 'a-b' }],
    });
  });
});

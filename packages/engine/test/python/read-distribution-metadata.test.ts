import { describe, expect, it } from 'vitest';
import {
  canonicalPythonVersion,
  normalizeProjectName,
  parseCoreMetadata,
  parseDistributionFilename,
  readDistributionMetadata,
  uploadFormFields,
} from '../../src/index.js';
import { coreMetadata, sdistBytes, wheelBytes, zipArchive } from './python-archives.js';

describe('Python project names, versions and file names', () => {
  it('normalizes names as PEP 503 does and versions as PEP 440 does', () => {
    expect(normalizeProjectName('Sample__Setup.pkg')).toBe('sample-setup-pkg');
    expect(canonicalPythonVersion('1.2.0-rc.1')).toBe('1.2.0rc1');
    expect(canonicalPythonVersion('1.2.0RC1')).toBe('1.2.0rc1');
    expect(canonicalPythonVersion('1.0')).toBe('1.0');
  });

  it('reads wheel and sdist file names, refusing unsafe or foreign ones', () => {
    expect(parseDistributionFilename('my_pkg-1.0.0-py3-none-any.whl')).toMatchObject({
      kind: 'wheel',
      name: 'my_pkg',
      version: '1.0.0',
    });
    expect(parseDistributionFilename('my-pkg-1.0.0.tar.gz')).toMatchObject({
      kind: 'sdist',
      name: 'my-pkg',
      version: '1.0.0',
    });
    for (const bad of [
      '../evil-1.0-py3-none-any.whl',
      'a/b-1.0-py3-none-any.whl',
      'pkg-1.0-py3-none-any.whl ',
      'pkg-1.0.exe',
      'pkg-1.0-any.whl',
      '.hidden-1.0.tar.gz',
      'pkg..-1.0.tar.gz',
    ]) {
      expect(() => parseDistributionFilename(bad), bad).toThrow(/invalid distribution file name/);
    }
  });
});

describe('core metadata', () => {
  it('keeps repeated fields in order and the body as the description', () => {
    const metadata = parseCoreMetadata(coreMetadata('sample', '1.0.0'));
    expect(metadata.fields.get('Classifier')).toEqual([
      'Programming Language :: Python :: 3',
      'License :: OSI Approved :: MIT License',
    ]);
    expect(metadata.body).toBe('The long description.\n');
    expect(uploadFormFields(metadata)).toEqual([
      ['metadata_version', '2.1'],
      ['name', 'sample'],
      ['version', '1.0.0'],
      ['summary', 'A sample'],
      ['requires_python', '>=3.8'],
      ['classifiers', 'Programming Language :: Python :: 3'],
      ['classifiers', 'License :: OSI Approved :: MIT License'],
      ['requires_dist', 'requests>=2'],
      ['description', 'The long description.\n'],
    ]);
  });

  it('joins continuation lines', () => {
    const metadata = parseCoreMetadata('Name: x\nLicense: line one\n        line two\n');
    expect(metadata.fields.get('License')).toEqual(['line one\n line two']);
  });
});

describe('reading the metadata of a distribution', () => {
  it('reads METADATA from a wheel', async () => {
    const read = await readDistributionMetadata(
      'sample-1.0.0-py3-none-any.whl',
      wheelBytes('sample', '1.0.0'),
    );
    expect([read.name, read.version, read.requiresPython]).toEqual(['sample', '1.0.0', '>=3.8']);
    expect(read.raw.toString()).toBe(coreMetadata('sample', '1.0.0'));
  });

  it('reads PKG-INFO from a pax sdist past long entries', async () => {
    const read = await readDistributionMetadata('sample-2.0.tar.gz', sdistBytes('sample', '2.0'));
    expect([read.name, read.version]).toEqual(['sample', '2.0']);
  });

  it('refuses what is not a wheel, or has no single METADATA', async () => {
    await expect(
      readDistributionMetadata('x-1.0-py3-none-any.whl', Buffer.from('not a zip at all')),
    ).rejects.toThrow(/not a valid zip archive/);
    await expect(
      readDistributionMetadata('x-1.0-py3-none-any.whl', zipArchive({ 'x/__init__.py': '' })),
    ).rejects.toThrow(/found 0/);
    await expect(
      readDistributionMetadata('x-1.0.tar.gz', Buffer.from('plain bytes')),
    ).rejects.toThrow(/not a valid .tar.gz archive/);
  });
});

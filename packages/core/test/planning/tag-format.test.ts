import { describe, expect, it } from 'vitest';
import { createTagVersionReader, formatTag, pep440Scheme, semverScheme } from '../../src/index.js';

describe('tag formats', () => {
  it('formats with name and version', () => {
    expect(formatTag('v{version}', 'x', '1.0.0')).toBe('v1.0.0');
    expect(formatTag('{name}@{version}', 'pkg', '1.0.0')).toBe('pkg@1.0.0');
    expect(formatTag('{name}-v{version}', 'my.pkg', '1.0.0')).toBe('my.pkg-v1.0.0');
  });

  it('reads versions in either scheme, own scheme first', () => {
    const read = createTagVersionReader('v{version}', 'x', [pep440Scheme, semverScheme]);
    expect(pep440Scheme.format(read('v1.2.0rc1') ?? fail())).toBe('1.2.0rc1');
    expect(pep440Scheme.format(read('v1.2.0-rc.1') ?? fail())).toBe('1.2.0rc1');
  });

  it('ignores tags that are not versions or not in the format', () => {
    const read = createTagVersionReader('{name}-v{version}', 'my.pkg', [semverScheme]);
    expect(read('my.pkg-v1.0.0')).not.toBeNull();
    expect(read('myXpkg-v1.0.0')).toBeNull();
    expect(read('other-v1.0.0')).toBeNull();
    expect(read('my.pkg-vlatest')).toBeNull();
    expect(read('v1.0.0')).toBeNull();
  });

  it('refuses a format without {version}', () => {
    expect(() => createTagVersionReader('release', 'x', [semverScheme])).toThrow(
      /tag-format "release" must contain \{version\}/,
    );
  });
});

function fail(): never {
  throw new Error('expected a version');
}

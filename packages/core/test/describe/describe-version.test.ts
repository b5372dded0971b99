import { describe, expect, it } from 'vitest';
import type { ScmState } from '@slipway/core';
import {
  SlipwayError,
  describePretended,
  describeVersion,
  describeLocalSchemeNames,
  describeVersionSchemeNames,
  hasPretendVersion,
  pep440Scheme,
  readPretendVersion,
  semverScheme,
} from '@slipway/core';

const time = new Date('2024-01-02T03:04:05Z');

function state(tag: string | null, distance: number, extra: Partial<ScmState> = {}): ScmState {
  return {
    tag: tag === null ? null : (pep440Scheme.parse(tag) ?? semverScheme.parse(tag)),
    distance,
    node: 'g1a2b3c4',
    dirty: false,
    branch: 'main',
    time,
    ...extra,
  };
}

function render(
  scm: ScmState,
  versionScheme = 'guess-next-dev',
  localScheme = 'node-and-date',
  scheme = 'pep440',
): string {
  return describeVersion(scm, null, { versionScheme, localScheme, scheme }).version;
}

describe('describeVersion: guess-next-dev with node-and-date (the defaults)', () => {
  it.each([
    ['1.2.3', 0, false, '1.2.3'],
    ['1.2.3', 3, false, '1.2.4.dev3+g1a2b3c4'],
    ['1.2.3', 3, true, '1.2.4.dev3+g1a2b3c4.d20240102'],
    ['1.2.3', 0, true, '1.2.4.dev0+g1a2b3c4.d20240102'],
    ['1.0.0rc1', 2, false, '1.0.0rc2.dev2+g1a2b3c4'],
    ['1.0.0a1', 1, false, '1.0.0a2.dev1+g1a2b3c4'],
    ['1.0.0-rc.1', 1, false, '1.0.0rc2.dev1+g1a2b3c4'],
    ['1.0.0-beta', 2, false, '1.0.0b1.dev2+g1a2b3c4'],
    ['1.0.0-alpha', 0, false, '1.0.0a0'],
    ['1.0.0+build.5', 0, false, '1.0.0'],
    ['1.0.post1', 4, false, '1.0.post2.dev4+g1a2b3c4'],
    ['2.0.dev0', 5, false, '2.0.dev5+g1a2b3c4'],
    ['1!2.0', 1, false, '1!2.1.dev1+g1a2b3c4'],
    [null, 4, false, '0.1.dev4+g1a2b3c4'],
  ] as const)('%s, distance %i, dirty %s → %s', (tag, distance, dirty, expected) => {
    expect(render(state(tag, distance, { dirty }))).toBe(expected);
  });

  it('a repository without commits is 0.1.dev0 (with the date when dirty)', () => {
    expect(render(state(null, 0, { node: null }))).toBe('0.1.dev0');
    expect(render(state(null, 0, { node: null, dirty: true }))).toBe('0.1.dev0+d20240102');
  });

  it('refuses a tag with a .dev number other than 0', () => {
    expect(() => render(state('1.0.dev2', 1))).toThrow(/\.dev number other than 0/);
  });
});

describe('describeVersion: other version schemes', () => {
  it.each([
    ['no-guess-dev', '1.2.3', 3, 'main', '1.2.3.post1.dev3'],
    ['no-guess-dev', '1.2.3', 0, 'main', '1.2.3'],
    ['post-release', '1.2.3', 3, 'main', '1.2.3.post3'],
    ['post-release', '1.2.3', 0, 'main', '1.2.3'],
    ['only-version', '1.2.3', 3, 'main', '1.2.3'],
    ['release-branch-semver', '1.2.3', 3, 'main', '1.3.0.dev3'],
    ['release-branch-semver', '1.2.3', 3, 'release/1.2.x', '1.2.4.dev3'],
    ['release-branch-semver', '1.2.3', 3, 'release-v1.2', '1.2.4.dev3'],
    ['release-branch-semver', '1.2.3', 3, 'release/1.3.x', '1.3.0.dev3'],
    ['release-branch-semver', '1.2.3', 0, 'main', '1.2.3'],
    ['python-simplified-semver', '1.2.3', 3, 'main', '1.2.4.dev3'],
    ['python-simplified-semver', '1.2.3', 3, 'feature/x', '1.3.0.dev3'],
    ['python-simplified-semver', '1.2', 0, 'main', '1.2.0'],
    ['python-simplified-semver', null, 2, 'main', '0.0.1.dev2'],
  ] as const)('%s: %s + %i on %s → %s', (scheme, tag, distance, branch, expected) => {
    expect(render(state(tag, distance, { branch }), scheme, 'no-local-version')).toBe(expected);
  });

  it('detached HEAD counts as no branch', () => {
    const detached = state('1.2.3', 2, { branch: null });
    expect(render(detached, 'release-branch-semver', 'no-local-version')).toBe('1.3.0.dev2');
  });

  it('refuses what setuptools-scm refuses', () => {
    expect(() => render(state('1.0.post1', 2), 'no-guess-dev')).toThrow(/already is a post/);
    expect(() => render(state('1.0.post1', 2), 'post-release')).toThrow(/already is a post/);
    expect(() => render(state('1.0.0rc1', 2), 'python-simplified-semver')).toThrow(
      /cannot be read as a numeric version/,
    );
  });
});

describe('describeVersion: local schemes', () => {
  it.each([
    ['node-and-timestamp', 3, true, '1.2.4.dev3+g1a2b3c4.d20240102030405'],
    ['node-and-timestamp', 3, false, '1.2.4.dev3+g1a2b3c4'],
    ['dirty-tag', 3, true, '1.2.4.dev3+dirty'],
    ['dirty-tag', 3, false, '1.2.4.dev3'],
    ['dirty-tag', 0, true, '1.2.4.dev0+dirty'],
    ['no-local-version', 3, true, '1.2.4.dev3'],
  ] as const)('%s, distance %i, dirty %s → %s', (local, distance, dirty, expected) => {
    expect(render(state('1.2.3', distance, { dirty }), 'guess-next-dev', local)).toBe(expected);
  });
});

describe('describeVersion: SemVer rendering and the description', () => {
  it('renders the same version as SemVer', () => {
    const scm = state('1.2.3', 3, { dirty: true });
    expect(render(scm, 'guess-next-dev', 'node-and-date', 'semver')).toBe(
      '1.2.4-dev.3+g1a2b3c4.d20240102',
    );
    expect(render(state('1.0.0a1', 0), 'guess-next-dev', 'node-and-date', 'semver')).toBe(
      '1.0.0-alpha.1',
    );
  });

  it('refuses what SemVer cannot show', () => {
    expect(() => render(state('1.2.3', 3), 'no-guess-dev', 'node-and-date', 'semver')).toThrow(
      SlipwayError,
    );
  });

  it('reports what the version was computed from', () => {
    const result = describeVersion(state('1.2.3', 3), 'v1.2.3', {
      versionScheme: 'guess-next-dev',
      localScheme: 'node-and-date',
      scheme: 'pep440',
    });
    expect(result).toEqual({
      version: '1.2.4.dev3+g1a2b3c4',
      scheme: 'pep440',
      tag: 'v1.2.3',
      distance: 3,
      node: 'g1a2b3c4',
      dirty: false,
      versionScheme: 'guess-next-dev',
      localScheme: 'node-and-date',
    });
  });

  it.each([
    [{ versionScheme: 'guess-next', localScheme: 'node-and-date', scheme: 'pep440' }, 'guess-next'],
    [{ versionScheme: 'guess-next-dev', localScheme: 'node', scheme: 'pep440' }, 'node'],
    [{ versionScheme: 'guess-next-dev', localScheme: 'node-and-date', scheme: 'x' }, 'x'],
  ])('names the bad option value and the valid ones (%o)', (options, bad) => {
    const error = (() => {
      try {
        describeVersion(state('1.2.3', 1), null, options);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: 'USAGE', subject: bad });
    expect((error as Error).message).toMatch(/valid: /);
  });

  it('lists every scheme name', () => {
    expect(describeVersionSchemeNames).toContain('release-branch-semver');
    expect(describeLocalSchemeNames).toEqual([
      'node-and-date',
      'node-and-timestamp',
      'dirty-tag',
      'no-local-version',
    ]);
  });
});

describe('pretended versions', () => {
  const env = {
    SETUPTOOLS_SCM_PRETEND_VERSION: '9.9.9',
    'SETUPTOOLS_SCM_PRETEND_VERSION_FOR_MY-PKG': '1.0.0',
    SETUPTOOLS_SCM_PRETEND_VERSION_FOR_OTHER_PKG: '2.0.0',
  };

  it('prefers the variable for the distribution, then the general one', () => {
    expect(readPretendVersion(env, 'my-pkg')).toBe('1.0.0');
    expect(readPretendVersion(env, 'other.pkg')).toBe('2.0.0');
    expect(readPretendVersion(env, 'third')).toBe('9.9.9');
    expect(readPretendVersion(env, null)).toBe('9.9.9');
    expect(readPretendVersion({ SETUPTOOLS_SCM_PRETEND_VERSION: '' }, null)).toBeNull();
    expect(hasPretendVersion(env)).toBe(true);
    expect(hasPretendVersion({ PATH: '/bin' })).toBe(false);
  });

  it('prints the pretended version as given, or as SemVer', () => {
    const options = { versionScheme: 'guess-next-dev', localScheme: 'node-and-date' };
    expect(describePretended('1.0.0rc1', { ...options, scheme: 'pep440' })).toMatchObject({
      version: '1.0.0rc1',
      tag: null,
      distance: null,
      dirty: null,
    });
    expect(describePretended('1.0.0rc1', { ...options, scheme: 'semver' }).version).toBe(
      '1.0.0-rc.1',
    );
    expect(() => describePretended('nonsense', { ...options, scheme: 'semver' })).toThrow(
      /cannot be rendered as SemVer/,
    );
  });
});

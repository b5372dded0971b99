import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.js';

describe('slipway versions (built CLI)', () => {
  it('normalizes with the documented JSON shape and exits 1 on an invalid input', () => {
    const result = runBuiltCli([
      'versions',
      'normalize',
      '--scheme',
      'pep440',
      '--json',
      '1.0-ALPHA_1',
      'v2.0',
      'nope',
    ]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { input: '1.0-ALPHA_1', valid: true, normalized: '1.0a1' },
      { input: 'v2.0', valid: true, normalized: '2.0' },
      { input: 'nope', valid: false, normalized: null },
    ]);
  });

  it('sorts valid inputs ascending as a JSON array of strings', () => {
    const result = runBuiltCli([
      'versions',
      'sort',
      '--scheme',
      'semver',
      '--json',
      '1.0.0',
      '1.0.0-rc.1',
      '0.9.0',
      '1.0.0-alpha',
    ]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['0.9.0', '1.0.0-alpha', '1.0.0-rc.1', '1.0.0']);
  });

  it('sorts PEP 440 the way packaging does', () => {
    const result = runBuiltCli([
      'versions',
      'sort',
      '1.0',
      '1.0.post1',
      '1.0rc1',
      '1.0.dev1',
      '1!0.1',
    ]);
    expect(result.stdout.trim().split('\n')).toEqual([
      '1.0.dev1',
      '1.0rc1',
      '1.0',
      '1.0.post1',
      '1!0.1',
    ]);
  });

  it('bumps, with a pre-release identifier', () => {
    expect(
      runBuiltCli(['versions', 'bump', 'minor', '--scheme', 'semver', '1.2.3']).stdout.trim(),
    ).toBe('1.3.0');
    expect(
      runBuiltCli(['versions', 'bump', 'prerelease', '--preid', 'rc', '1.2.3']).stdout.trim(),
    ).toBe('1.2.4rc1');
    expect(
      runBuiltCli([
        'versions',
        'bump',
        'release',
        '--scheme',
        'semver',
        '1.3.0-rc.2',
      ]).stdout.trim(),
    ).toBe('1.3.0');
  });

  it('refuses an unknown bump kind and an invalid version with exit 2, naming the value', () => {
    const kind = runBuiltCli(['versions', 'bump', 'huge', '1.2.3']);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toMatch(/"huge"/);
    const version = runBuiltCli(['versions', 'bump', 'minor', 'x.y']);
    expect(version.status).toBe(2);
    expect(version.stderr).toMatch(/"x\.y"/);
  });

  it('converts between schemes', () => {
    expect(runBuiltCli(['versions', 'convert', '--to', 'semver', '1.2.0rc1']).stdout.trim()).toBe(
      '1.2.0-rc.1',
    );
    expect(
      runBuiltCli(['versions', 'convert', '--to', 'pep440', '1.2.0-beta.2']).stdout.trim(),
    ).toBe('1.2.0b2');
    const json = runBuiltCli([
      'versions',
      'convert',
      '--scheme',
      'pep440',
      '--json',
      '2.0.0-alpha.1',
    ]);
    expect(JSON.parse(json.stdout)).toEqual([{ input: '2.0.0-alpha.1', converted: '2.0.0a1' }]);
  });

  it('refuses an unknown scheme naming it', () => {
    const result = runBuiltCli(['versions', 'normalize', '--scheme', 'calver', '1.0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/calver/);
  });
});

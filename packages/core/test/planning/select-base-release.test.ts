import { describe, expect, it } from 'vitest';
import { selectBaseRelease, semverScheme } from '../../src/index.js';
import { released } from './plan-fixtures.js';

describe('selectBaseRelease', () => {
  it('takes the highest reachable version, not the newest tag', () => {
    const releases = [
      released('1.10.0'),
      released('1.9.0'),
      released('2.0.0', { reachable: false }),
    ];
    expect(selectBaseRelease(releases, semverScheme, false)?.tag).toBe('v1.10.0');
  });

  it('skips pre-releases for a final release and counts them for a pre-release', () => {
    const releases = [released('1.2.3'), released('1.3.0-rc.1')];
    expect(selectBaseRelease(releases, semverScheme, false)?.tag).toBe('v1.2.3');
    expect(selectBaseRelease(releases, semverScheme, true)?.tag).toBe('v1.3.0-rc.1');
  });

  it('gives null when nothing is reachable', () => {
    expect(
      selectBaseRelease([released('1.0.0', { reachable: false })], semverScheme, false),
    ).toBeNull();
  });
});

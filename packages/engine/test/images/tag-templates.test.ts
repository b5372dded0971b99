import { describe, expect, it } from 'vitest';
import { renderTags } from '../../src/features/images/index.js';

describe('renderTags', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';

  it('renders version, major.minor, full and short sha, env', () => {
    expect(
      renderTags(['{version}', '{major}.{minor}', '{sha}', 'git-{sha_short}', '{env}'], {
        version: '1.4.2',
        sha,
        env: 'prod',
      }),
    ).toEqual(['1.4.2', '1.4', sha, 'git-0123456', 'prod']);
  });

  it('reads major and minor from a PEP 440 rendering too, and drops duplicates', () => {
    expect(
      renderTags(['{major}.{minor}', '{major}.{minor}', '{version}'], { version: '2.0.0rc1' }),
    ).toEqual(['2.0', '2.0.0rc1']);
  });

  it('refuses a placeholder without a value, naming the template', () => {
    expect(() => renderTags(['{env}-{sha_short}'], { sha })).toThrow(
      /\{env\}-\{sha_short\} needs \{env\}/,
    );
  });

  it('refuses an unknown placeholder and an invalid tag', () => {
    expect(() => renderTags(['{branch}'], {})).toThrow(/unknown \{branch\}/);
    expect(() => renderTags(['{version}'], { version: '1.0.0+build.5' })).toThrow(
      /not a valid OCI tag/,
    );
  });
});

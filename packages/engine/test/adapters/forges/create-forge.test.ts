import { describe, expect, it } from 'vitest';
import { parseRemoteUrl, type RemoteInfo } from '@slipway/core';
import {
  createForge,
  forgeApiUrl,
  forgeAuthFromEnv,
  forgeTokenFromEnv,
} from '../../../src/adapters/forges/index.js';

function remote(url: string): RemoteInfo {
  const parsed = parseRemoteUrl(url);
  if (parsed === null) throw new Error(`test remote ${url} does not parse`);
  return parsed;
}

describe('forgeApiUrl', () => {
  it.each([
    ['github', 'git@github.com:octo/widgets.git', 'https://api.github.com'],
    ['github', 'https://github.example.com/octo/widgets', 'https://github.example.com/api/v3'],
    ['github', 'https://octocorp.ghe.com/octo/widgets.git', 'https://api.octocorp.ghe.com'],
    ['gitlab', 'git@gitlab.com:group/sub/proj.git', 'https://gitlab.com/api/v4'],
    ['gitlab', 'https://git.example.com:8443/group/proj', 'https://git.example.com:8443/api/v4'],
  ] as const)('%s %s → %s', (kind, url, expected) => {
    expect(forgeApiUrl(kind, remote(url))).toBe(expected);
  });
});

describe('forgeTokenFromEnv', () => {
  it('reads GITHUB_TOKEN before GH_TOKEN and skips empty values', () => {
    expect(forgeTokenFromEnv('github', { GITHUB_TOKEN: 'a', GH_TOKEN: 'b' })).toBe('a');
    expect(forgeTokenFromEnv('github', { GITHUB_TOKEN: ' ', GH_TOKEN: 'b' })).toBe('b');
    expect(forgeTokenFromEnv('github', { GITLAB_TOKEN: 'c' })).toBeNull();
  });

  it('prefers GITLAB_TOKEN, and marks CI_JOB_TOKEN for the JOB-TOKEN header', () => {
    expect(forgeAuthFromEnv('gitlab', { GITLAB_TOKEN: 'p', CI_JOB_TOKEN: 'j' })).toEqual({
      token: 'p',
      tokenType: 'token',
      variable: 'GITLAB_TOKEN',
    });
    expect(forgeAuthFromEnv('gitlab', { CI_JOB_TOKEN: 'j' })).toEqual({
      token: 'j',
      tokenType: 'job-token',
      variable: 'CI_JOB_TOKEN',
    });
    expect(forgeTokenFromEnv('gitlab', { GITHUB_TOKEN: 'x' })).toBeNull();
  });
});

describe('createForge', () => {
  it('picks the adapter by kind', () => {
    const remoteUrl = 'https://example.com/group/proj.git';
    expect(
      createForge({ kind: 'github', token: 't', remoteUrl: 'git@github.com:o/r.git' }).kind,
    ).toBe('github');
    expect(createForge({ kind: 'gitlab', token: 't', remoteUrl }).kind).toBe('gitlab');
  });

  it('refuses a local remote, a GitHub path that is not owner/repo, and an empty token', () => {
    const github = { kind: 'github', token: 't' } as const;
    expect(() => createForge({ ...github, remoteUrl: '/srv/repo.git' })).toThrow(
      expect.objectContaining({
        code: 'FORGE_FAILED',
        message: expect.stringContaining('/srv/repo.git'),
      }),
    );
    expect(() => createForge({ ...github, remoteUrl: 'https://github.com/a/b/c' })).toThrow(
      /not owner\/repo/,
    );
    expect(() =>
      createForge({ ...github, token: '', remoteUrl: 'git@github.com:o/r.git' }),
    ).toThrow(
      expect.objectContaining({ code: 'FORGE_FAILED', hint: 'Set GITHUB_TOKEN or GH_TOKEN.' }),
    );
  });
});

import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../src/commands/cli-actor.js';

describe('the ledger actor of a CLI command', () => {
  it('is SLIPWAY_ACTOR when set', () => {
    expect(cliActor({ SLIPWAY_ACTOR: ' release-bot ', GITHUB_ACTIONS: 'true' })).toBe(
      'release-bot',
    );
  });

  it('names the CI and who started the run inside CI', () => {
    expect(
      cliActor({
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTOR: 'octocat',
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_RUN_ID: '42',
        GITHUB_SERVER_URL: 'https://github.com',
      }),
    ).toBe('github-actions:octocat');
    expect(cliActor({ GITLAB_CI: 'true', GITLAB_USER_LOGIN: 'alice' })).toBe('gitlab-ci:alice');
  });

  it('is the local login name elsewhere', () => {
    expect(cliActor({})).toBe(userInfo().username || 'cli');
  });
});

import { createLinkBuilder } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import { linkTemplatesFromConfig, loadConfig, type LinksConfig } from '../../src/config/index.js';
import { configDir } from './config-test-dir.js';

const on: LinksConfig = { enabled: true };

describe('linkTemplatesFromConfig', () => {
  it('uses the forge detected from the remote', () => {
    const templates = linkTemplatesFromConfig(on, 'git@gitlab.com:acme/widgets.git');
    expect(templates).toMatchObject({
      repositoryUrl: 'https://gitlab.com/acme/widgets',
      commit: '{repositoryUrl}/-/commit/{sha}',
    });
  });

  it('lets forge override detection and templates override the forge', async () => {
    const dir = await configDir({
      'slipway.toml': [
        '[links]',
        'forge = "gitea"',
        'key-issue = "https://jira.example.com/browse/{id}"',
        'issue = "https://tracker.example.com/{owner}/{repo}/{id}"',
      ].join('\n'),
    });
    const { config } = await loadConfig(dir);
    const templates = linkTemplatesFromConfig(
      config.links,
      'https://git.example.com/acme/widgets.git',
    );
    if (templates === null) throw new Error('expected link templates');
    const links = createLinkBuilder(templates);
    expect(links.pullRequest({ number: 3, sigil: '#', repository: null })).toBe(
      'https://git.example.com/acme/widgets/pulls/3',
    );
    expect(links.issue({ id: 'OPS-1', kind: 'key', repository: null, closing: false })).toBe(
      'https://jira.example.com/browse/OPS-1',
    );
    expect(links.issue({ id: '9', kind: 'number', repository: null, closing: true })).toBe(
      'https://tracker.example.com/acme/widgets/9',
    );
  });

  it('uses repository-url when there is no remote', () => {
    const templates = linkTemplatesFromConfig(
      { enabled: true, repositoryUrl: 'https://bitbucket.org/acme/widgets' },
      null,
    );
    expect(templates).toMatchObject({
      repositoryUrl: 'https://bitbucket.org/acme/widgets',
      commit: '{repositoryUrl}/commits/{sha}',
    });
  });

  it('needs a remote, repository-url or complete templates', () => {
    expect(linkTemplatesFromConfig(on, null)).toBeNull();
    expect(linkTemplatesFromConfig(on, '/srv/git/widgets.git')).toBeNull();
    expect(linkTemplatesFromConfig({ enabled: true, commit: 'https://x/{sha}' }, null)).toBeNull();
  });

  it('gives no links when links are disabled', () => {
    expect(
      linkTemplatesFromConfig({ enabled: false }, 'git@github.com:acme/widgets.git'),
    ).toBeNull();
  });
});

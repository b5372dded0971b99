import { describe, expect, it } from 'vitest';
import type { IssueRef, PullRequestRef } from '../../src/commits/types.js';
import {
  createLinkBuilder,
  linkTemplatesFor,
  parseRemoteUrl,
  type ForgeKind,
  type LinkBuilder,
} from '../../src/links/index.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const pr = (
  number: number,
  repository: string | null = null,
  sigil: '#' | '!' = '#',
): PullRequestRef => ({
  number,
  sigil,
  repository,
});
const issue = (id: string, repository: string | null = null): IssueRef => ({
  id,
  kind: /^\d+$/.test(id) ? 'number' : 'key',
  repository,
  closing: false,
});

function builderFor(url: string, forge?: ForgeKind): LinkBuilder {
  const remote = parseRemoteUrl(url);
  if (remote === null) throw new Error(`fixture URL did not parse: ${url}`);
  return createLinkBuilder(linkTemplatesFor(remote, forge));
}

interface ForgeFixture {
  url: string;
  commit: string;
  pullRequest: string;
  issue: string;
  crossIssue: string;
  compare: string;
}

const fixtures: Record<ForgeKind, ForgeFixture> = {
  github: {
    url: 'git@github.com:acme/widgets.git',
    commit: `https://github.com/acme/widgets/commit/${SHA}`,
    pullRequest: 'https://github.com/acme/widgets/pull/12',
    issue: 'https://github.com/acme/widgets/issues/45',
    crossIssue: 'https://github.com/other/tool/issues/7',
    compare: 'https://github.com/acme/widgets/compare/v1.2.0...v1.3.0',
  },
  gitlab: {
    url: 'https://gitlab.com/acme/platform/widgets.git',
    commit: `https://gitlab.com/acme/platform/widgets/-/commit/${SHA}`,
    pullRequest: 'https://gitlab.com/acme/platform/widgets/-/merge_requests/12',
    issue: 'https://gitlab.com/acme/platform/widgets/-/issues/45',
    crossIssue: 'https://gitlab.com/other/tool/-/issues/7',
    compare: 'https://gitlab.com/acme/platform/widgets/-/compare/v1.2.0...v1.3.0',
  },
  gitea: {
    url: 'ssh://git@codeberg.org/acme/widgets.git',
    commit: `https://codeberg.org/acme/widgets/commit/${SHA}`,
    pullRequest: 'https://codeberg.org/acme/widgets/pulls/12',
    issue: 'https://codeberg.org/acme/widgets/issues/45',
    crossIssue: 'https://codeberg.org/other/tool/issues/7',
    compare: 'https://codeberg.org/acme/widgets/compare/v1.2.0...v1.3.0',
  },
  bitbucket: {
    url: 'https://bitbucket.org/acme/widgets',
    commit: `https://bitbucket.org/acme/widgets/commits/${SHA}`,
    pullRequest: 'https://bitbucket.org/acme/widgets/pull-requests/12',
    issue: 'https://bitbucket.org/acme/widgets/issues/45',
    crossIssue: 'https://bitbucket.org/other/tool/issues/7',
    compare: 'https://bitbucket.org/acme/widgets/branches/compare/v1.3.0%0Dv1.2.0',
  },
};

describe.each(Object.entries(fixtures))('%s links', (_forge, fixture) => {
  const links = builderFor(fixture.url);

  it('links commits, pull requests, issues and comparisons', () => {
    expect(links.commit(SHA)).toBe(fixture.commit);
    expect(links.pullRequest(pr(12))).toBe(fixture.pullRequest);
    expect(links.issue(issue('45'))).toBe(fixture.issue);
    expect(links.compare('v1.2.0', 'v1.3.0')).toBe(fixture.compare);
  });

  it('links owner/repo references to that repository on the same host', () => {
    expect(links.issue(issue('7', 'other/tool'))).toBe(fixture.crossIssue);
  });

  it('gives key issues no link without a keyIssue template', () => {
    expect(links.issue(issue('ABC-123'))).toBeNull();
  });
});

describe('createLinkBuilder', () => {
  it('links GitLab !merge requests and cross-project merge requests', () => {
    const links = builderFor('git@gitlab.com:acme/widgets.git');
    expect(links.pullRequest(pr(9, null, '!'))).toBe(
      'https://gitlab.com/acme/widgets/-/merge_requests/9',
    );
    expect(links.pullRequest(pr(9, 'group/sub/tool', '!'))).toBe(
      'https://gitlab.com/group/sub/tool/-/merge_requests/9',
    );
  });

  it('links cross-repository pull requests', () => {
    expect(builderFor('https://github.com/acme/widgets').pullRequest(pr(3, 'octo/cat'))).toBe(
      'https://github.com/octo/cat/pull/3',
    );
  });

  it('keeps the web port and uses the explicit forge over detection', () => {
    const links = builderFor('https://git.example.com:8443/acme/widgets.git', 'gitlab');
    expect(links.issue(issue('5'))).toBe('https://git.example.com:8443/acme/widgets/-/issues/5');
    expect(links.issue(issue('5', 'x/y'))).toBe('https://git.example.com:8443/x/y/-/issues/5');
  });

  it('falls back to GitHub shapes when the forge is unknown', () => {
    expect(builderFor('https://git.example.com/acme/widgets').pullRequest(pr(4))).toBe(
      'https://git.example.com/acme/widgets/pull/4',
    );
  });

  it('expands custom templates with key issues, owner and repo', () => {
    const links = createLinkBuilder({
      repositoryUrl: 'https://code.example.com/acme/widgets/',
      commit: 'https://ci.example.com/{owner}/{repo}/c/{sha}',
      pullRequest: '{repositoryUrl}/reviews/{number}',
      issue: 'https://tracker.example.com/{owner}/{repo}/{id}',
      keyIssue: 'https://jira.example.com/browse/{id}',
      compare: '{repositoryUrl}/diff?from={previous}&to={current}',
    });
    expect(links.commit('abc')).toBe('https://ci.example.com/acme/widgets/c/abc');
    expect(links.pullRequest(pr(8))).toBe('https://code.example.com/acme/widgets/reviews/8');
    expect(links.issue(issue('ABC-123'))).toBe('https://jira.example.com/browse/ABC-123');
    expect(links.issue(issue('3', 'ops/infra'))).toBe('https://tracker.example.com/ops/infra/3');
    expect(links.compare('v1', 'v2')).toBe(
      'https://code.example.com/acme/widgets/diff?from=v1&to=v2',
    );
  });

  it('keeps slashes and @ in tag names and encodes the rest', () => {
    const links = builderFor('https://github.com/acme/widgets');
    expect(links.compare('@acme/core@1.0.0', 'pkg/v1.1.0 beta#1')).toBe(
      'https://github.com/acme/widgets/compare/@acme/core@1.0.0...pkg/v1.1.0%20beta%231',
    );
  });
});

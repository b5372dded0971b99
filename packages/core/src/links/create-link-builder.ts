import type { IssueRef, PullRequestRef } from '../commits/types.js';
import type { LinkTemplates } from './link-templates.js';

export interface LinkBuilder {
  commit(sha: string): string;
  pullRequest(ref: PullRequestRef): string;
  /** Null for a key reference (`ABC-123`) when no `keyIssue` template is configured. */
  issue(ref: IssueRef): string | null;
  compare(previousTag: string, tag: string): string;
}

type Values = Readonly<Record<string, string>>;

export function createLinkBuilder(templates: LinkTemplates): LinkBuilder {
  const base = templates.repositoryUrl.replace(/\/+$/, '');
  const own = splitRepository(pathOf(base));

  // A cross-repository reference lives on the same host (and under the same URL prefix).
  const repositoryValues = (repository: string | null): Values => {
    if (repository === null) return { repositoryUrl: base, ...own };
    const ownPath = pathOf(base);
    const prefix = ownPath === '' ? base : base.slice(0, base.length - ownPath.length - 1);
    return { repositoryUrl: `${prefix}/${repository}`, ...splitRepository(repository) };
  };

  return {
    commit: (sha) => expand(templates.commit, { ...repositoryValues(null), sha }),
    pullRequest: (ref) =>
      expand(
        ref.sigil === '!'
          ? (templates.mergeRequest ?? templates.pullRequest)
          : templates.pullRequest,
        {
          ...repositoryValues(ref.repository),
          number: String(ref.number),
        },
      ),
    issue: (ref) => {
      if (ref.kind === 'key') {
        return templates.keyIssue === undefined
          ? null
          : expand(templates.keyIssue, { ...repositoryValues(null), id: ref.id });
      }
      return expand(templates.issue, { ...repositoryValues(ref.repository), id: ref.id });
    },
    compare: (previousTag, tag) =>
      expand(templates.compare, {
        ...repositoryValues(null),
        previous: encodeRefName(previousTag),
        current: encodeRefName(tag),
      }),
  };
}

function pathOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/(.*)$/i.exec(url);
  return match?.[1] ?? '';
}

function splitRepository(path: string): { owner: string; repo: string } {
  const cut = path.lastIndexOf('/');
  return cut < 0
    ? { owner: '', repo: path }
    : { owner: path.slice(0, cut), repo: path.slice(cut + 1) };
}

// Tag names may hold `/` and `@` (`pkg/v1.0.0`, `@scope/pkg@1.0.0`), which forges accept as-is.
function encodeRefName(name: string): string {
  return encodeURIComponent(name).replace(/%2F/g, '/').replace(/%40/g, '@');
}

function expand(template: string, values: Values): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

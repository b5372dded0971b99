import { Octokit } from '@octokit/rest';
import { SlipwayError } from '@slipway/core';
import { apiErrorMessage, forgeError, isTimeout } from './forge-error.js';
import type { ForgePort, PullRequestDraft, PullRequestInfo } from './forge-port.js';
import { fetchWithTimeout } from './fetch-with-timeout.js';

export interface GitHubForgeOptions {
  readonly apiUrl: string;
  readonly token: string;
  /** `owner/repo`. */
  readonly repository: string;
  readonly timeoutMs: number;
}

type ListedPull = Awaited<ReturnType<Octokit['rest']['pulls']['list']>>['data'][number];
type Pull = ListedPull | Awaited<ReturnType<Octokit['rest']['pulls']['get']>>['data'];

const QUIET = (): void => undefined;

/** GitHub and GitHub Enterprise pull requests through Octokit's REST client. */
export class GitHubForge implements ForgePort {
  readonly kind = 'github' as const;
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly repo: string;

  constructor(private readonly options: GitHubForgeOptions) {
    const [owner = '', repo = '', ...rest] = options.repository.split('/');
    if (owner === '' || repo === '' || rest.length > 0) {
      throw new SlipwayError('FORGE_FAILED', `GitHub: "${options.repository}" is not owner/repo`, {
        subject: options.repository,
      });
    }
    this.owner = owner;
    this.repo = repo;
    this.octokit = new Octokit({
      auth: options.token,
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      userAgent: 'slipway',
      request: { fetch: fetchWithTimeout(options.timeoutMs) },
      // Failures become one FORGE_FAILED error below; Octokit's own error log would say it twice.
      log: { debug: QUIET, info: QUIET, warn: console.warn, error: QUIET },
    });
  }

  findOpenPullRequest(head: string, base: string): Promise<PullRequestInfo | null> {
    return this.findPull('find open pull request', 'open', head, base, () => true);
  }

  findMergedPullRequest(head: string, base: string): Promise<PullRequestInfo | null> {
    // A release branch is reused, so it has one closed PR per past release: newest first.
    return this.findPull('find merged pull request', 'closed', head, base, (pull) => {
      return pull.merged_at !== null;
    });
  }

  async createPullRequest(draft: PullRequestDraft): Promise<PullRequestInfo> {
    const { owner, repo } = this;
    const { data } = await this.call('create pull request', () =>
      this.octokit.rest.pulls.create({
        owner,
        repo,
        head: draft.head,
        base: draft.base,
        title: draft.title,
        body: draft.body,
      }),
    );
    return this.withLabels(data, draft.labels);
  }

  async updatePullRequest(number: number, draft: PullRequestDraft): Promise<PullRequestInfo> {
    const { owner, repo } = this;
    const { data } = await this.call(`update pull request #${number}`, () =>
      this.octokit.rest.pulls.update({
        owner,
        repo,
        pull_number: number,
        base: draft.base,
        title: draft.title,
        body: draft.body,
      }),
    );
    return this.withLabels(data, draft.labels);
  }

  private async findPull(
    operation: string,
    state: 'open' | 'closed',
    head: string,
    base: string,
    accept: (pull: ListedPull) => boolean,
  ): Promise<PullRequestInfo | null> {
    const { owner, repo } = this;
    const pages = this.octokit.paginate.iterator(this.octokit.rest.pulls.list, {
      owner,
      repo,
      state,
      head: `${owner}:${head}`,
      base,
      sort: 'created',
      direction: 'desc',
      per_page: 100,
    });
    return this.call(operation, async () => {
      for await (const page of pages) {
        const found = page.data.find(accept);
        if (found !== undefined) return toInfo(found);
      }
      return null;
    });
  }

  // GitHub creates a missing label on the fly (default colour, no description) when it is added
  // to an issue, so there is no createLabel step; see docs/adr/0007-forge-adapters.md.
  private async withLabels(pull: Pull, labels: readonly string[]): Promise<PullRequestInfo> {
    const info = toInfo(pull);
    const missing = labels.filter((label) => !info.labels.includes(label));
    if (missing.length === 0) return info;
    const { owner, repo } = this;
    const { data } = await this.call(`add labels to pull request #${info.number}`, () =>
      this.octokit.rest.issues.addLabels({
        owner,
        repo,
        issue_number: info.number,
        labels: missing,
      }),
    );
    return { ...info, labels: data.map((label) => label.name) };
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toForgeError(operation, error, this.options);
    }
  }
}

function toForgeError(operation: string, error: unknown, options: GitHubForgeOptions): Error {
  const base = { forge: 'github' as const, operation, token: options.token, cause: error };
  if (isTimeout(error)) {
    const apiMessage = `no answer from ${options.apiUrl} within ${options.timeoutMs} ms`;
    return forgeError({ ...base, status: null, apiMessage });
  }
  const response = readRequestError(error);
  if (response === null) {
    const apiMessage = error instanceof Error ? error.message : String(error);
    return forgeError({ ...base, status: null, apiMessage });
  }
  const apiMessage = apiErrorMessage(response.data, `HTTP ${response.status}`);
  return forgeError({ ...base, status: response.status, apiMessage });
}

// Octokit's RequestError has `status` and `response`; a network failure has status 500 and no response.
function readRequestError(error: unknown): { status: number; data: unknown } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, response } = error as { status?: unknown; response?: { data?: unknown } };
  if (typeof status !== 'number' || response === undefined) return null;
  return { status, data: response.data };
}

function toInfo(pull: Pull): PullRequestInfo {
  const merged = pull.merged_at !== null && pull.merged_at !== undefined;
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    head: pull.head.ref,
    base: pull.base.ref,
    state: merged ? 'merged' : pull.state === 'open' ? 'open' : 'closed',
    labels: pull.labels.map((label) => label.name).filter((name) => name !== undefined),
  };
}

import type { ForgeTokenType } from './forge-api-url.js';
import { apiErrorMessage, forgeError, isTimeout } from './forge-error.js';
import type { ForgePort, PullRequestDraft, PullRequestInfo } from './forge-port.js';
import { fetchWithTimeout } from './fetch-with-timeout.js';

export interface GitLabForgeOptions {
  readonly apiUrl: string;
  readonly token: string;
  readonly tokenType: ForgeTokenType;
  /** `group/subgroup/project`. */
  readonly repository: string;
  readonly timeoutMs: number;
}

/** The fields of GitLab's merge request JSON that Slipway reads. */
interface MergeRequest {
  readonly iid: number;
  readonly web_url: string;
  readonly title: string;
  readonly description: string | null;
  readonly source_branch: string;
  readonly target_branch: string;
  readonly state: string;
  readonly labels?: readonly string[];
  readonly source_project_id?: number;
  readonly target_project_id?: number;
}

type Query = Record<string, string>;

// Enough for any real list of MRs from one branch; a bound so a misbehaving server cannot loop us.
const MAX_PAGES = 50;

const JOB_TOKEN_HINT =
  'CI_JOB_TOKEN may not be allowed to manage merge requests; set GITLAB_TOKEN to a project ' +
  'access token with the api scope.';

/** GitLab merge requests over REST v4 with the global fetch. */
export class GitLabForge implements ForgePort {
  readonly kind = 'gitlab' as const;
  private readonly fetch: typeof fetch;
  private readonly projectPath: string;

  constructor(private readonly options: GitLabForgeOptions) {
    this.fetch = fetchWithTimeout(options.timeoutMs);
    this.projectPath = `/projects/${encodeURIComponent(options.repository)}/merge_requests`;
  }

  findOpenPullRequest(head: string, base: string): Promise<PullRequestInfo | null> {
    return this.findFirst('find open merge request', { state: 'opened', head, base });
  }

  findMergedPullRequest(head: string, base: string): Promise<PullRequestInfo | null> {
    return this.findFirst('find merged merge request', { state: 'merged', head, base });
  }

  async createPullRequest(draft: PullRequestDraft): Promise<PullRequestInfo> {
    const created = await this.request(
      'create merge request',
      'POST',
      this.projectPath,
      {},
      {
        source_branch: draft.head,
        target_branch: draft.base,
        title: draft.title,
        description: draft.body,
        labels: draft.labels.join(','),
        // The release branch is recreated by the next `release-pr`; a stale one only confuses.
        remove_source_branch: true,
      },
    );
    return toInfo(created.data as MergeRequest);
  }

  async updatePullRequest(number: number, draft: PullRequestDraft): Promise<PullRequestInfo> {
    const body: Record<string, unknown> = {
      target_branch: draft.base,
      title: draft.title,
      description: draft.body,
    };
    // `add_labels` keeps labels people added; `labels` would replace them all.
    if (draft.labels.length > 0) body.add_labels = draft.labels.join(',');
    const path = `${this.projectPath}/${number}`;
    const updated = await this.request(`update merge request !${number}`, 'PUT', path, {}, body);
    return toInfo(updated.data as MergeRequest);
  }

  private async findFirst(
    operation: string,
    filter: { state: string; head: string; base: string },
  ): Promise<PullRequestInfo | null> {
    const query: Query = {
      state: filter.state,
      source_branch: filter.head,
      target_branch: filter.base,
      // Newest first: a reused release branch has one merged MR per past release.
      order_by: 'created_at',
      sort: 'desc',
      per_page: '100',
    };
    for (let page = '1', count = 0; page !== '' && count < MAX_PAGES; count++) {
      const response = await this.request(operation, 'GET', this.projectPath, { ...query, page });
      const list = Array.isArray(response.data) ? (response.data as MergeRequest[]) : [];
      // The filter also matches a fork's branch of the same name; only this project's own count.
      const found = list.find((item) => item.source_project_id === item.target_project_id);
      if (found !== undefined) return toInfo(found);
      page = response.nextPage;
    }
    return null;
  }

  private async request(
    operation: string,
    method: string,
    path: string,
    query: Query,
    body?: Record<string, unknown>,
  ): Promise<{ data: unknown; nextPage: string }> {
    const url = new URL(`${this.options.apiUrl.replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'slipway',
      [this.options.tokenType === 'job-token' ? 'JOB-TOKEN' : 'PRIVATE-TOKEN']: this.options.token,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const jobToken = this.options.tokenType === 'job-token';
    const fail = (status: number | null, apiMessage: string, cause?: unknown): Error =>
      forgeError({
        forge: 'gitlab',
        operation,
        status,
        apiMessage,
        token: this.options.token,
        cause,
        // A job token is refused by most endpoints outside its own pipeline's resources.
        ...(jobToken && (status === 401 || status === 403) ? { hint: JOB_TOKEN_HINT } : {}),
      });
    try {
      const response = await this.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      const data = parseJson(text);
      if (!response.ok) throw fail(response.status, apiErrorMessage(data, response.statusText));
      return { data, nextPage: response.headers.get('x-next-page') ?? '' };
    } catch (error) {
      if (error instanceof Error && error.name === 'SlipwayError') throw error;
      if (isTimeout(error)) {
        throw fail(null, `no answer from ${url.origin} within ${this.options.timeoutMs} ms`, error);
      }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw fail(null, cause instanceof Error ? cause.message : String(cause), error);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toInfo(mr: MergeRequest): PullRequestInfo {
  return {
    number: mr.iid,
    url: mr.web_url,
    title: mr.title,
    body: mr.description ?? '',
    head: mr.source_branch,
    base: mr.target_branch,
    // `locked` is the short state while a merge is being carried out: still open.
    state: mr.state === 'merged' ? 'merged' : mr.state === 'closed' ? 'closed' : 'open',
    labels: [...(mr.labels ?? [])],
  };
}

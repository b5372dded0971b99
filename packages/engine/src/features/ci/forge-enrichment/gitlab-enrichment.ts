import type {
  ForgeChangeRequest,
  ForgeChangeRequestRange,
  ForgeEnrichmentPort,
} from './change-request.js';
import { bodyFacts, uniqueLogins } from './change-request.js';
import { getAllPages, getOne, type ForgeHttpOptions } from './forge-http.js';

interface GitLabUser {
  readonly username: string;
}

interface GitLabMergeRequest {
  readonly iid: number;
  readonly web_url: string;
  readonly title: string;
  readonly description: string | null;
  readonly author: GitLabUser | null;
  readonly labels: readonly string[];
  readonly reviewers?: readonly GitLabUser[];
  readonly source_branch?: string;
  readonly target_branch?: string;
  /** The head commit of the source branch. */
  readonly sha?: string;
  readonly diff_refs?: { readonly base_sha: string | null } | null;
}

interface GitLabApprovals {
  readonly approved_by?: readonly { readonly user: GitLabUser }[];
}

/** GitLab's REST API: the merge requests of a commit, and who approved each. */
export class GitLabEnrichment implements ForgeEnrichmentPort {
  private readonly http: ForgeHttpOptions;

  constructor(
    private readonly apiUrl: string,
    /** `group/project`. */
    private readonly project: string,
    token: string,
    tokenType: 'token' | 'job-token' = 'token',
    fetchImpl: typeof fetch = fetch,
  ) {
    this.http = {
      forge: 'gitlab',
      token,
      fetch: fetchImpl,
      headers: tokenType === 'job-token' ? { 'job-token': token } : { 'private-token': token },
    };
  }

  async changeRequestsFor(sha: string): Promise<ForgeChangeRequest[]> {
    const requests = await getAllPages<GitLabMergeRequest>(
      this.http,
      `${this.base()}/repository/commits/${encodeURIComponent(sha)}/merge_requests?per_page=100`,
      `list merge requests of ${sha.slice(0, 7)}`,
    );
    return Promise.all(requests.map((request) => this.withApprovals(request)));
  }

  async changeRequest(number: number): Promise<ForgeChangeRequest> {
    return this.withApprovals(await this.mergeRequest(number));
  }

  async changeRequestRange(number: number): Promise<ForgeChangeRequestRange> {
    const request = await this.mergeRequest(number);
    return {
      number: request.iid,
      url: request.web_url,
      title: request.title,
      baseRef: request.target_branch ?? '',
      baseSha: request.diff_refs?.base_sha ?? null,
      headRef: request.source_branch ?? '',
      headSha: request.sha ?? '',
    };
  }

  private base(): string {
    return `${this.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(this.project)}`;
  }

  private mergeRequest(iid: number): Promise<GitLabMergeRequest> {
    return getOne<GitLabMergeRequest>(
      this.http,
      `${this.base()}/merge_requests/${iid}`,
      `read merge request !${iid}`,
    );
  }

  private async withApprovals(request: GitLabMergeRequest): Promise<ForgeChangeRequest> {
    const approvals = await getOne<GitLabApprovals>(
      this.http,
      `${this.base()}/merge_requests/${request.iid}/approvals`,
      `read approvals of merge request !${request.iid}`,
    );
    const author = request.author?.username ?? null;
    const body = request.description ?? '';
    const approvers = uniqueLogins(
      (approvals.approved_by ?? []).map((entry) => entry.user.username),
      author,
    );
    return {
      forge: 'gitlab' as const,
      number: request.iid,
      url: request.web_url,
      title: request.title,
      body,
      author,
      labels: [...request.labels],
      reviewers: approvers,
      requestedReviewers: uniqueLogins(
        (request.reviewers ?? []).map((user) => user.username),
        author,
      ).filter((login) => !approvers.includes(login)),
      ...bodyFacts(request.title, body),
    };
  }
}

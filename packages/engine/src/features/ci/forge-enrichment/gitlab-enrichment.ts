import type { ForgeChangeRequest, ForgeEnrichmentPort } from './change-request.js';
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
    const base = `${this.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(this.project)}`;
    const requests = await getAllPages<GitLabMergeRequest>(
      this.http,
      `${base}/repository/commits/${encodeURIComponent(sha)}/merge_requests?per_page=100`,
      `list merge requests of ${sha.slice(0, 7)}`,
    );
    return Promise.all(
      requests.map(async (request) => {
        const approvals = await getOne<GitLabApprovals>(
          this.http,
          `${base}/merge_requests/${request.iid}/approvals`,
          `read approvals of merge request !${request.iid}`,
        );
        const author = request.author?.username ?? null;
        const body = request.description ?? '';
        return {
          forge: 'gitlab' as const,
          number: request.iid,
          url: request.web_url,
          title: request.title,
          body,
          author,
          labels: [...request.labels],
          reviewers: uniqueLogins(
            [
              ...(approvals.approved_by ?? []).map((entry) => entry.user.username),
              ...(request.reviewers ?? []).map((user) => user.username),
            ],
            author,
          ),
          ...bodyFacts(request.title, body),
        };
      }),
    );
  }
}

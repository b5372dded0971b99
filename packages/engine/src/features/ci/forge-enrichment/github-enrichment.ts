import type {
  ForgeChangeRequest,
  ForgeChangeRequestRange,
  ForgeEnrichmentPort,
} from './change-request.js';
import { bodyFacts, uniqueLogins } from './change-request.js';
import { getAllPages, getOne, type ForgeHttpOptions } from './forge-http.js';

interface GitHubUser {
  readonly login: string;
}

interface GitHubRef {
  readonly ref: string;
  readonly sha: string;
}

interface GitHubPull {
  readonly number: number;
  readonly html_url: string;
  readonly title: string;
  readonly body: string | null;
  readonly user: GitHubUser | null;
  readonly labels: readonly { readonly name: string }[];
  readonly requested_reviewers?: readonly GitHubUser[];
  readonly merged_at: string | null;
  /** Present on `GET /pulls/{number}`; the commit's pull listing has them too. */
  readonly base?: GitHubRef;
  readonly head?: GitHubRef;
}

interface GitHubReview {
  readonly user: GitHubUser | null;
  readonly state: string;
}

/** GitHub's REST API: the pull requests of a commit, and who reviewed each. */
export class GitHubEnrichment implements ForgeEnrichmentPort {
  private readonly http: ForgeHttpOptions;

  constructor(
    private readonly apiUrl: string,
    /** `owner/repo`. */
    private readonly repository: string,
    token: string,
    fetchImpl: typeof fetch = fetch,
  ) {
    this.http = {
      forge: 'github',
      token,
      fetch: fetchImpl,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'slipway',
      },
    };
  }

  async changeRequestsFor(sha: string): Promise<ForgeChangeRequest[]> {
    const pulls = await getAllPages<GitHubPull>(
      this.http,
      `${this.base()}/commits/${encodeURIComponent(sha)}/pulls?per_page=100`,
      `list pull requests of ${sha.slice(0, 7)}`,
    );
    return Promise.all(pulls.map((pull) => this.withReviews(pull)));
  }

  async changeRequest(number: number): Promise<ForgeChangeRequest> {
    return this.withReviews(await this.pull(number));
  }

  async changeRequestRange(number: number): Promise<ForgeChangeRequestRange> {
    const pull = await this.pull(number);
    return {
      number: pull.number,
      url: pull.html_url,
      title: pull.title,
      baseRef: pull.base?.ref ?? '',
      baseSha: pull.base?.sha ?? null,
      headRef: pull.head?.ref ?? '',
      headSha: pull.head?.sha ?? '',
    };
  }

  private base(): string {
    return `${this.apiUrl.replace(/\/+$/, '')}/repos/${this.repository}`;
  }

  private pull(number: number): Promise<GitHubPull> {
    return getOne<GitHubPull>(
      this.http,
      `${this.base()}/pulls/${number}`,
      `read pull request #${number}`,
    );
  }

  private async withReviews(pull: GitHubPull): Promise<ForgeChangeRequest> {
    const reviews = await getAllPages<GitHubReview>(
      this.http,
      `${this.base()}/pulls/${pull.number}/reviews?per_page=100`,
      `list reviews of pull request #${pull.number}`,
    );
    const author = pull.user?.login ?? null;
    const body = pull.body ?? '';
    // A reviewer's latest verdict counts: an approval followed by "changes requested" is none.
    const verdicts = new Map<string, string>();
    for (const review of reviews) {
      const login = review.user?.login;
      if (login !== undefined && review.state !== 'COMMENTED' && review.state !== 'PENDING') {
        verdicts.set(login, review.state);
      }
    }
    const approvers = uniqueLogins(
      [...verdicts].filter(([, state]) => state === 'APPROVED').map(([login]) => login),
      author,
    );
    return {
      forge: 'github' as const,
      number: pull.number,
      url: pull.html_url,
      title: pull.title,
      body,
      author,
      labels: pull.labels.map((label) => label.name),
      reviewers: approvers,
      requestedReviewers: uniqueLogins(
        (pull.requested_reviewers ?? []).map((user) => user.login),
        author,
      ).filter((login) => !approvers.includes(login)),
      ...bodyFacts(pull.title, body),
    };
  }
}

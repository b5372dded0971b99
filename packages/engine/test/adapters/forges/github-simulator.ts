import type { RecordedRequest, Reply } from './forge-test-server.js';

export interface SimulatedPull {
  number: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged_at: string | null;
  labels: string[];
}

const DOCS = 'https://docs.github.com/rest';

/**
 * Answers the pull request and label endpoints as api.github.com documents them, for one
 * repository `owner/repo` under `prefix` (`/api/v3` as on GitHub Enterprise Server).
 */
export class GitHubSimulator {
  readonly pulls: SimulatedPull[] = [];

  constructor(
    private readonly owner: string,
    private readonly repo: string,
    private readonly token: string,
    private readonly prefix = '/api/v3',
  ) {}

  add(pull: Omit<SimulatedPull, 'number'>): SimulatedPull {
    const created = { ...pull, number: this.pulls.length + 1 };
    this.pulls.push(created);
    return created;
  }

  readonly handle = (request: RecordedRequest, origin: string): Reply => {
    if (request.headers.authorization !== `token ${this.token}`) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };
    }
    const base = `${this.prefix}/repos/${this.owner}/${this.repo}`;
    const route = `${request.method} ${request.path.startsWith(base) ? request.path.slice(base.length) : request.path}`;
    let match: RegExpExecArray | null;
    if (route === 'GET /pulls') return this.list(request, origin);
    if (route === 'POST /pulls') return this.create(request.body as Record<string, string>, origin);
    if ((match = /^PATCH \/pulls\/(\d+)$/.exec(route)) !== null) {
      const pull = this.pulls.find((item) => item.number === Number(match?.[1]));
      if (pull === undefined) return notFound();
      Object.assign(pull, request.body);
      return { status: 200, body: this.json(pull, origin) };
    }
    if ((match = /^POST \/issues\/(\d+)\/labels$/.exec(route)) !== null) {
      const pull = this.pulls.find((item) => item.number === Number(match?.[1]));
      if (pull === undefined) return notFound();
      const { labels } = request.body as { labels: string[] };
      // GitHub creates a label it does not know yet, with colour ededed.
      pull.labels = [...new Set([...pull.labels, ...labels])];
      return { status: 200, body: pull.labels.map((name, id) => ({ id, name, color: 'ededed' })) };
    }
    return notFound();
  };

  private list(request: RecordedRequest, origin: string): Reply {
    const { state = 'open', head, base, page = '1', per_page: perPage = '30' } = request.query;
    const selected = this.pulls
      .filter((pull) => state === 'all' || pull.state === state)
      .filter((pull) => head === undefined || `${this.owner}:${pull.head}` === head)
      .filter((pull) => base === undefined || pull.base === base)
      .sort((a, b) => b.number - a.number);
    const size = Number(perPage);
    const start = (Number(page) - 1) * size;
    const headers: Record<string, string> = {};
    if (start + size < selected.length) {
      const next = new URL(`${origin}${request.path}`);
      for (const [key, value] of Object.entries({
        ...request.query,
        page: String(Number(page) + 1),
      })) {
        next.searchParams.set(key, value);
      }
      headers.link = `<${next.href}>; rel="next"`;
    }
    const body = selected.slice(start, start + size).map((pull) => this.json(pull, origin));
    return { status: 200, body, headers };
  }

  private create(body: Record<string, string>, origin: string): Reply {
    const { head = '', base = '', title = '' } = body;
    if (
      this.pulls.some((pull) => pull.state === 'open' && pull.head === head && pull.base === base)
    ) {
      const message = `A pull request already exists for ${this.owner}:${head}.`;
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'custom', message }],
          documentation_url: DOCS,
        },
      };
    }
    const pull = this.add({
      title,
      body: body.body ?? null,
      head,
      base,
      state: 'open',
      merged_at: null,
      labels: [],
    });
    return { status: 201, body: this.json(pull, origin) };
  }

  private json(pull: SimulatedPull, origin: string): Record<string, unknown> {
    const repo = { full_name: `${this.owner}/${this.repo}` };
    return {
      number: pull.number,
      html_url: `${origin}/${this.owner}/${this.repo}/pull/${pull.number}`,
      title: pull.title,
      body: pull.body,
      state: pull.state,
      merged_at: pull.merged_at,
      head: { ref: pull.head, label: `${this.owner}:${pull.head}`, repo },
      base: { ref: pull.base, label: `${this.owner}:${pull.base}`, repo },
      labels: pull.labels.map((name, id) => ({ id, name, color: 'ededed' })),
    };
  }
}

function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
}

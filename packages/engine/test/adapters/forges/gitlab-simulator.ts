import type { RecordedRequest, Reply } from './forge-test-server.js';

export interface SimulatedMergeRequest {
  iid: number;
  title: string;
  description: string | null;
  source_branch: string;
  target_branch: string;
  state: 'opened' | 'closed' | 'merged' | 'locked';
  labels: string[];
  source_project_id: number;
}

const PROJECT_ID = 42;

/**
 * Answers the merge request endpoints of GitLab's REST API v4 for one project, addressed by its
 * URL-encoded path, with offset pagination headers (`x-next-page`) as GitLab sends them.
 */
export class GitLabSimulator {
  readonly mergeRequests: SimulatedMergeRequest[] = [];
  private readonly base: string;

  constructor(
    project: string,
    private readonly auth: { header: 'private-token' | 'job-token'; token: string },
  ) {
    this.base = `/api/v4/projects/${encodeURIComponent(project)}/merge_requests`;
  }

  add(mr: Omit<SimulatedMergeRequest, 'iid' | 'source_project_id'> & { fork?: boolean }): void {
    const { fork, ...rest } = mr;
    const iid = this.mergeRequests.length + 1;
    this.mergeRequests.push({ ...rest, iid, source_project_id: fork === true ? 7 : PROJECT_ID });
  }

  readonly handle = (request: RecordedRequest, origin: string): Reply => {
    if (request.headers[this.auth.header] !== this.auth.token) {
      return { status: 401, body: { message: '401 Unauthorized' } };
    }
    if (!request.path.startsWith(this.base)) return notFound('Project');
    const rest = request.path.slice(this.base.length);
    const body = (request.body ?? {}) as Record<string, string | boolean>;
    if (request.method === 'GET' && rest === '') return this.list(request.query, origin);
    if (request.method === 'POST' && rest === '') return this.create(body, origin);
    const iid = /^\/(\d+)$/.exec(rest)?.[1];
    const mr = this.mergeRequests.find((item) => String(item.iid) === iid);
    if (request.method !== 'PUT' || mr === undefined) return notFound('Merge Request');
    if (typeof body.title === 'string') mr.title = body.title;
    if (typeof body.description === 'string') mr.description = body.description;
    if (typeof body.target_branch === 'string') mr.target_branch = body.target_branch;
    if (typeof body.add_labels === 'string') {
      mr.labels = [...new Set([...mr.labels, ...body.add_labels.split(',')])];
    }
    return { status: 200, body: this.json(mr, origin) };
  };

  private list(query: Record<string, string>, origin: string): Reply {
    const page = Number(query.page ?? '1');
    const perPage = Number(query.per_page ?? '20');
    const selected = this.mergeRequests
      .filter((mr) => query.state === undefined || mr.state === query.state)
      .filter((mr) => query.source_branch === undefined || mr.source_branch === query.source_branch)
      .filter((mr) => query.target_branch === undefined || mr.target_branch === query.target_branch)
      .sort((a, b) => (query.sort === 'asc' ? a.iid - b.iid : b.iid - a.iid));
    const start = (page - 1) * perPage;
    const more = start + perPage < selected.length;
    return {
      status: 200,
      body: selected.slice(start, start + perPage).map((mr) => this.json(mr, origin)),
      headers: {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-next-page': more ? String(page + 1) : '',
        'x-total': String(selected.length),
      },
    };
  }

  private create(body: Record<string, string | boolean>, origin: string): Reply {
    const source = String(body.source_branch);
    const target = String(body.target_branch);
    const open = this.mergeRequests.find(
      (mr) => mr.state === 'opened' && mr.source_branch === source && mr.target_branch === target,
    );
    if (open !== undefined) {
      const message = `Another open merge request already exists for this source branch: !${open.iid}`;
      return { status: 409, body: { message: [message] } };
    }
    if (typeof body.title !== 'string' || body.title === '') {
      return { status: 400, body: { message: { title: ["can't be blank"] } } };
    }
    this.add({
      title: body.title,
      description: typeof body.description === 'string' ? body.description : null,
      source_branch: source,
      target_branch: target,
      state: 'opened',
      labels: typeof body.labels === 'string' && body.labels !== '' ? body.labels.split(',') : [],
    });
    const created = this.mergeRequests[this.mergeRequests.length - 1];
    return { status: 201, body: created === undefined ? {} : this.json(created, origin) };
  }

  private json(mr: SimulatedMergeRequest, origin: string): Record<string, unknown> {
    const project = this.base.split('/')[4] ?? '';
    return {
      id: 1000 + mr.iid,
      ...mr,
      target_project_id: PROJECT_ID,
      web_url: `${origin}/${decodeURIComponent(project)}/-/merge_requests/${mr.iid}`,
    };
  }
}

function notFound(what: string): Reply {
  return { status: 404, body: { message: `404 ${what} Not Found` } };
}

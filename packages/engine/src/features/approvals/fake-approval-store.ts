import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { PendingRequestExistsError } from './approval-records.js';
import type {
  Approval,
  ChangeRequest,
  CommitAuthor,
  PostReleaseReview,
} from './approval-records.js';
import type { ApprovalStore, ReviewQuery } from './approval-store.js';

const newestFirst = (a: ChangeRequest, b: ChangeRequest) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export class FakeApprovalStore implements ApprovalStore {
  readonly requests = new Map<string, ChangeRequest>();
  readonly decisions: Approval[] = [];
  readonly reviews = new Map<string, PostReleaseReview>();
  readonly authors = new Map<string, CommitAuthor[]>();

  async insertRequest(request: ChangeRequest): Promise<void> {
    const { service, environment, releaseId } = request;
    if ((await this.pendingRequest(service, environment, releaseId)) !== undefined) {
      throw new PendingRequestExistsError(service, environment, releaseId);
    }
    this.requests.set(request.id, request);
  }

  updateRequest(request: ChangeRequest): Promise<void> {
    this.requests.set(request.id, request);
    return Promise.resolve();
  }

  getRequest(id: string): Promise<ChangeRequest | undefined> {
    return Promise.resolve(this.requests.get(id));
  }

  pendingRequest(
    service: string,
    environment: string,
    releaseId: string,
  ): Promise<ChangeRequest | undefined> {
    return Promise.resolve(
      [...this.requests.values()]
        .filter(
          (request) =>
            request.service === service &&
            request.environment === environment &&
            request.releaseId === releaseId &&
            (request.status === 'open' || request.status === 'approved'),
        )
        .sort(newestFirst)[0],
    );
  }

  listRequests(query: { service?: string; status?: string }): Promise<ChangeRequest[]> {
    return Promise.resolve(
      [...this.requests.values()]
        .filter(
          (request) =>
            (query.service === undefined || request.service === query.service) &&
            (query.status === undefined || request.status === query.status),
        )
        .sort(newestFirst),
    );
  }

  insertApproval(approval: Approval): Promise<void> {
    this.decisions.push(approval);
    return Promise.resolve();
  }

  approvals(requestId: string): Promise<Approval[]> {
    return Promise.resolve(this.decisions.filter((approval) => approval.requestId === requestId));
  }

  insertReview(review: PostReleaseReview): Promise<void> {
    this.reviews.set(review.id, review);
    return Promise.resolve();
  }

  updateReview(review: PostReleaseReview): Promise<void> {
    this.reviews.set(review.id, review);
    return Promise.resolve();
  }

  getReview(id: string): Promise<PostReleaseReview | undefined> {
    return Promise.resolve(this.reviews.get(id));
  }

  listReviews(query: ReviewQuery): Promise<PostReleaseReview[]> {
    return Promise.resolve(
      [...this.reviews.values()]
        .filter(
          (review) =>
            (query.status === undefined || review.status === query.status) &&
            (query.team === undefined || review.team === query.team),
        )
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id)),
    );
  }

  recordAuthors(releaseId: string, authors: readonly CommitAuthor[]): Promise<CommitAuthor[]> {
    const known = this.authors.get(releaseId) ?? [];
    const added = authors.filter((author) => !known.some((k) => k.email === author.email));
    const all = [...known, ...added].sort((a, b) => a.email.localeCompare(b.email));
    this.authors.set(releaseId, all);
    return Promise.resolve(all);
  }

  releaseAuthors(releaseId: string): Promise<CommitAuthor[]> {
    return Promise.resolve(this.authors.get(releaseId) ?? []);
  }

  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T> {
    return work(undefined);
  }
}

import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type {
  Approval,
  ChangeRequest,
  CommitAuthor,
  PostReleaseReview,
} from './approval-records.js';

export interface ReviewQuery {
  readonly status?: PostReleaseReview['status'];
  readonly team?: string;
}

export interface ApprovalStore {
  /** Throws PendingRequestExistsError when the release has a pending request there already. */
  insertRequest(request: ChangeRequest, trx?: Transaction<Database>): Promise<void>;
  /** Replaces the request's mutable fields (status, content, digest, deployment). */
  updateRequest(request: ChangeRequest, trx?: Transaction<Database>): Promise<void>;
  getRequest(id: string, trx?: Transaction<Database>): Promise<ChangeRequest | undefined>;
  /** The open or approved request for this release in this environment, if any. */
  pendingRequest(
    service: string,
    environment: string,
    releaseId: string,
  ): Promise<ChangeRequest | undefined>;
  /** Newest first. */
  listRequests(query: { service?: string; status?: string }): Promise<ChangeRequest[]>;
  insertApproval(approval: Approval, trx?: Transaction<Database>): Promise<void>;
  /** Oldest first. */
  approvals(requestId: string, trx?: Transaction<Database>): Promise<Approval[]>;
  insertReview(review: PostReleaseReview, trx?: Transaction<Database>): Promise<void>;
  updateReview(review: PostReleaseReview, trx?: Transaction<Database>): Promise<void>;
  getReview(id: string): Promise<PostReleaseReview | undefined>;
  /** By due date, oldest first. */
  listReviews(query: ReviewQuery): Promise<PostReleaseReview[]>;
  /** Adds the authors not recorded yet (by email); returns every author of the release. */
  recordAuthors(
    releaseId: string,
    authors: readonly CommitAuthor[],
    recorded: { readonly at: string; readonly by: string },
    trx?: Transaction<Database>,
  ): Promise<CommitAuthor[]>;
  /** By email. */
  releaseAuthors(releaseId: string): Promise<CommitAuthor[]>;
  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T>;
}

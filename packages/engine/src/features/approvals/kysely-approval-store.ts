import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { PendingRequestExistsError } from './approval-records.js';
import type {
  Approval,
  ApprovalDecision,
  ChangeRequest,
  ChangeRequestContent,
  ChangeRequestStatus,
  CommitAuthor,
  PostReleaseReview,
  ReviewStatus,
} from './approval-records.js';
import type { ApprovalStore, ReviewQuery } from './approval-store.js';
import type {
  ApprovalTables,
  ApprovalsTable,
  ChangeRequestsTable,
  PostReleaseReviewsTable,
} from './approval-tables.js';

type ApprovalDb = Kysely<Database & ApprovalTables>;
type Db = Kysely<Database> | Transaction<Database>;

export class KyselyApprovalStore implements ApprovalStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insertRequest(request: ChangeRequest, trx?: Transaction<Database>): Promise<void> {
    try {
      await tables(trx ?? this.#db)
        .insertInto('change_requests')
        .values(requestRow(request))
        .execute();
    } catch (error) {
      // The unique index of migration 0012: one pending request per release and environment.
      if (!isUniqueViolation(error)) throw error;
      throw new PendingRequestExistsError(request.service, request.environment, request.releaseId);
    }
  }

  async updateRequest(request: ChangeRequest, trx?: Transaction<Database>): Promise<void> {
    const { id, ...row } = requestRow(request);
    await tables(trx ?? this.#db)
      .updateTable('change_requests')
      .set(row)
      .where('id', '=', id)
      .execute();
  }

  async getRequest(id: string, trx?: Transaction<Database>): Promise<ChangeRequest | undefined> {
    const row = await tables(trx ?? this.#db)
      .selectFrom('change_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : requestFromRow(row);
  }

  async pendingRequest(
    service: string,
    environment: string,
    releaseId: string,
  ): Promise<ChangeRequest | undefined> {
    const row = await tables(this.#db)
      .selectFrom('change_requests')
      .selectAll()
      .where('service', '=', service)
      .where('environment', '=', environment)
      .where('release_id', '=', releaseId)
      .where('status', 'in', ['open', 'approved'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : requestFromRow(row);
  }

  async listRequests(query: { service?: string; status?: string }): Promise<ChangeRequest[]> {
    let select = tables(this.#db).selectFrom('change_requests').selectAll();
    if (query.service !== undefined) select = select.where('service', '=', query.service);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(requestFromRow);
  }

  async insertApproval(approval: Approval, trx?: Transaction<Database>): Promise<void> {
    await tables(trx ?? this.#db)
      .insertInto('approvals')
      .values({
        id: approval.id,
        request_id: approval.requestId,
        approver: approval.approver,
        roles: JSON.stringify(approval.roles),
        decision: approval.decision,
        comment: approval.comment,
        content_digest: approval.contentDigest,
        created_at: approval.createdAt,
      })
      .execute();
  }

  async approvals(requestId: string, trx?: Transaction<Database>): Promise<Approval[]> {
    const rows = await tables(trx ?? this.#db)
      .selectFrom('approvals')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(approvalFromRow);
  }

  async insertReview(review: PostReleaseReview, trx?: Transaction<Database>): Promise<void> {
    await tables(trx ?? this.#db)
      .insertInto('post_release_reviews')
      .values(reviewRow(review))
      .execute();
  }

  async updateReview(review: PostReleaseReview, trx?: Transaction<Database>): Promise<void> {
    const { id, ...row } = reviewRow(review);
    await tables(trx ?? this.#db)
      .updateTable('post_release_reviews')
      .set(row)
      .where('id', '=', id)
      .execute();
  }

  async getReview(id: string): Promise<PostReleaseReview | undefined> {
    const row = await tables(this.#db)
      .selectFrom('post_release_reviews')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : reviewFromRow(row);
  }

  async listReviews(query: ReviewQuery): Promise<PostReleaseReview[]> {
    let select = tables(this.#db).selectFrom('post_release_reviews').selectAll();
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.team !== undefined) select = select.where('team', '=', query.team);
    const rows = await select.orderBy('due_at').orderBy('id').execute();
    return rows.map(reviewFromRow);
  }

  async recordAuthors(
    releaseId: string,
    authors: readonly CommitAuthor[],
    recorded: { readonly at: string; readonly by: string },
    trx?: Transaction<Database>,
  ): Promise<CommitAuthor[]> {
    const db = tables(trx ?? this.#db);
    if (authors.length > 0) {
      await db
        .insertInto('release_authors')
        .values(
          authors.map((author) => ({
            release_id: releaseId,
            email: author.email,
            name: author.name,
            recorded_at: recorded.at,
            recorded_by: recorded.by,
          })),
        )
        .onConflict((conflict) => conflict.columns(['release_id', 'email']).doNothing())
        .execute();
    }
    return authorsOf(db, releaseId);
  }

  releaseAuthors(releaseId: string): Promise<CommitAuthor[]> {
    return authorsOf(tables(this.#db), releaseId);
  }

  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => work(trx));
  }
}

async function authorsOf(db: ApprovalDb, releaseId: string): Promise<CommitAuthor[]> {
  const rows = await db
    .selectFrom('release_authors')
    .select(['email', 'name'])
    .where('release_id', '=', releaseId)
    .orderBy('email')
    .execute();
  return rows.map((row) => ({ name: row.name, email: row.email }));
}

function tables(db: Db): ApprovalDb {
  return db.withTables<ApprovalTables>();
}

function requestRow(request: ChangeRequest): ChangeRequestsTable {
  return {
    id: request.id,
    service: request.service,
    environment: request.environment,
    release_id: request.releaseId,
    version: request.version,
    digests: JSON.stringify(request.digests),
    strategy: request.strategy,
    requester: request.requester,
    status: request.status,
    content: JSON.stringify(request.content),
    content_digest: request.contentDigest,
    deployment_id: request.deploymentId,
    created_at: request.createdAt,
    updated_at: request.updatedAt,
  };
}

function requestFromRow(row: Selectable<ChangeRequestsTable>): ChangeRequest {
  return {
    id: row.id,
    service: row.service,
    environment: row.environment,
    releaseId: row.release_id,
    version: row.version,
    digests: JSON.parse(row.digests) as string[],
    strategy: row.strategy,
    requester: row.requester,
    status: row.status as ChangeRequestStatus,
    content: JSON.parse(row.content) as ChangeRequestContent,
    contentDigest: row.content_digest,
    deploymentId: row.deployment_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function approvalFromRow(row: Selectable<ApprovalsTable>): Approval {
  return {
    id: row.id,
    requestId: row.request_id,
    approver: row.approver,
    roles: JSON.parse(row.roles) as string[],
    decision: row.decision as ApprovalDecision,
    comment: row.comment,
    contentDigest: row.content_digest,
    createdAt: row.created_at,
  };
}

function reviewRow(review: PostReleaseReview): PostReleaseReviewsTable {
  return {
    id: review.id,
    deployment_id: review.deploymentId,
    service: review.service,
    environment: review.environment,
    version: review.version,
    team: review.team,
    owner: review.owner,
    actor: review.actor,
    reason: review.reason,
    bypassed: JSON.stringify(review.bypassed),
    due_at: review.dueAt,
    status: review.status,
    summary: review.summary,
    created_at: review.createdAt,
    closed_at: review.closedAt,
    closed_by: review.closedBy,
  };
}

function reviewFromRow(row: Selectable<PostReleaseReviewsTable>): PostReleaseReview {
  return {
    id: row.id,
    deploymentId: row.deployment_id,
    service: row.service,
    environment: row.environment,
    version: row.version,
    team: row.team,
    owner: row.owner,
    actor: row.actor,
    reason: row.reason,
    bypassed: JSON.parse(row.bypassed) as string[],
    dueAt: row.due_at,
    status: row.status as ReviewStatus,
    summary: row.summary,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
  };
}

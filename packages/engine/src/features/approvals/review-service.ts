import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { SlipwayError } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import type { PostReleaseReview, ReviewStatus, ReviewView } from './approval-records.js';
import type { ApprovalStore } from './approval-store.js';
import type { Notification } from './webhook-notifier.js';

export interface NewReview {
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly team: string;
  readonly owner: string;
  readonly actor: string;
  readonly reason: string;
  readonly bypassed: readonly string[];
  readonly dueAt: string;
}

export interface ReviewQuery {
  readonly status?: ReviewStatus;
  /** Only open reviews past their due date. */
  readonly overdue?: boolean;
  readonly team?: string;
  /** Judge "overdue" at this instant instead of now (what will be overdue by then). */
  readonly asOf?: string;
}

const maxSummary = 16_384;

/** Post-release reviews: every break-glass deployment opens one; closing one needs a summary. */
export class ReviewService {
  readonly #store: ApprovalStore;
  readonly #ledger: LedgerService;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #notify: ((notification: Notification) => void) | undefined;

  constructor(
    store: ApprovalStore,
    ledger: LedgerService,
    options: {
      now?: () => Date;
      newId?: () => string;
      notify?: (notification: Notification) => void;
    } = {},
  ) {
    this.#store = store;
    this.#ledger = ledger;
    this.#notify = options.notify;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /** Opens the review and records break-glass loudly, in one transaction. */
  async openReview(input: NewReview): Promise<PostReleaseReview> {
    const review: PostReleaseReview = {
      id: this.#newId(),
      ...input,
      bypassed: [...input.bypassed],
      status: 'open',
      summary: null,
      createdAt: this.#now().toISOString(),
      closedAt: null,
      closedBy: null,
    };
    await this.#store.transaction(async (trx) => {
      await this.#store.insertReview(review, trx);
      await this.#append(trx, {
        type: 'break_glass.used',
        subject: `deployment:${review.deploymentId}`,
        actor: review.actor,
        payload: {
          service: review.service,
          environment: review.environment,
          version: review.version,
          reason: review.reason,
          bypassed: [...review.bypassed],
          reviewId: review.id,
          reviewOwner: review.owner,
          reviewDueAt: review.dueAt,
        },
      });
    });
    this.#notify?.({
      type: 'break_glass.used',
      subject: `deployment:${review.deploymentId}`,
      actor: review.actor,
      summary: `BREAK-GLASS: ${review.actor} deployed ${review.service} ${review.version} to ${review.environment} ("${review.reason}"); review ${review.id} due ${review.dueAt}`,
      payload: {
        reviewId: review.id,
        deploymentId: review.deploymentId,
        service: review.service,
        environment: review.environment,
        version: review.version,
        reason: review.reason,
        bypassed: [...review.bypassed],
      },
    });
    return review;
  }

  async listReviews(query: ReviewQuery = {}): Promise<ReviewView[]> {
    const status = query.overdue === true ? 'open' : query.status;
    const reviews = await this.#store.listReviews({
      ...(status === undefined ? {} : { status }),
      ...(query.team === undefined ? {} : { team: query.team }),
    });
    const at = query.asOf === undefined ? this.#now() : new Date(query.asOf);
    if (Number.isNaN(at.getTime())) {
      throw new SlipwayError(
        'USAGE',
        `asOf must be an ISO 8601 instant, got "${query.asOf ?? ''}"`,
        {
          subject: 'asOf',
        },
      );
    }
    const views = reviews.map((review) => this.#view(review, at));
    return query.overdue === true ? views.filter((review) => review.overdue) : views;
  }

  /**
   * Announces each open review that has passed its due date, once: a `review.overdue` ledger
   * event (which also marks it announced) and a notification. Returns what it announced.
   */
  async announceOverdue(): Promise<ReviewView[]> {
    const announced: ReviewView[] = [];
    for (const review of await this.listReviews({ overdue: true })) {
      const subject = `review:${review.id}`;
      const seen = await this.#ledger.listEvents({ subject, type: 'review.overdue', limit: 1 });
      if (seen.events.length > 0) continue;
      await this.#ledger.append({
        type: 'review.overdue',
        subject,
        actor: 'slipway',
        payload: { deploymentId: review.deploymentId, owner: review.owner, dueAt: review.dueAt },
      });
      this.#notify?.({
        type: 'review.overdue',
        subject,
        actor: 'slipway',
        summary: `post-release review ${review.id} of ${review.service} ${review.version} (break-glass by ${review.actor}) is overdue since ${review.dueAt}; owner ${review.owner}`,
        payload: {
          reviewId: review.id,
          deploymentId: review.deploymentId,
          service: review.service,
          owner: review.owner,
          dueAt: review.dueAt,
        },
      });
      announced.push(review);
    }
    return announced;
  }

  async getReview(id: string): Promise<ReviewView> {
    const review = await this.#store.getReview(id);
    if (review === undefined) {
      throw new SlipwayError('NOT_FOUND', `no review with id ${id}`, { subject: id });
    }
    return this.#view(review);
  }

  async closeReview(id: string, summary: string, actor: string): Promise<ReviewView> {
    const text = summary.trim();
    if (text === '') {
      throw new SlipwayError('USAGE', 'closing a review needs a summary of what happened', {
        subject: 'summary',
      });
    }
    if (text.length > maxSummary) {
      throw new SlipwayError('USAGE', `summary is longer than ${maxSummary} characters`, {
        subject: 'summary',
      });
    }
    const review = await this.getReview(id);
    if (review.status === 'closed') {
      throw new SlipwayError('CONFLICT', `review ${id} was closed at ${review.closedAt ?? ''}`, {
        subject: id,
      });
    }
    const closed: PostReleaseReview = {
      ...withoutView(review),
      status: 'closed',
      summary: text,
      closedAt: this.#now().toISOString(),
      closedBy: actor,
    };
    await this.#store.transaction(async (trx) => {
      await this.#store.updateReview(closed, trx);
      await this.#append(trx, {
        type: 'review.closed',
        subject: `review:${id}`,
        actor,
        payload: {
          deploymentId: closed.deploymentId,
          service: closed.service,
          overdue: review.overdue,
        },
      });
    });
    return this.#view(closed);
  }

  #view(review: PostReleaseReview, at: Date = this.#now()): ReviewView {
    const overdue = review.status === 'open' && review.dueAt <= at.toISOString();
    return { ...review, overdue };
  }

  async #append(trx: Transaction<Database> | undefined, event: LedgerEventInput): Promise<void> {
    await (trx === undefined ? this.#ledger.append(event) : this.#ledger.appendEvent(trx, event));
  }
}

function withoutView(review: ReviewView): PostReleaseReview {
  const { overdue: _overdue, ...rest } = review;
  return rest;
}

import type { Approval, ChangeRequestView } from '../api/api-types.js';
import type { Session } from '../api/session.js';
import { mayAct } from '../api/session.js';

/**
 * Why the signed-in token may not approve (or decide at all on) a change request, as far as the
 * page can tell before asking; null when it may try. The server enforces the same rules
 * (packages/engine/src/features/approvals/approval-service.ts) and its refusal is shown too: this
 * only saves the requester and the authors a click that cannot succeed.
 */
export interface DecisionBlocks {
  /** Blocks both buttons. */
  readonly decide: string | null;
  /** Blocks approving only (separation of duties, one person counts once). */
  readonly approve: string | null;
}

export function decisionBlocks(request: ChangeRequestView, session: Session): DecisionBlocks {
  if (request.status === 'rejected' || request.status === 'deployed') {
    const reason = `this change request is ${request.status}: no more decisions`;
    return { decide: reason, approve: reason };
  }
  if (session.loading === true) {
    const reason = 'finding out what this token may do…';
    return { decide: reason, approve: reason };
  }
  if (!mayAct(session, 'approver')) {
    const reason = `role approver needed to decide (this token has role ${session.role ?? '?'})`;
    return { decide: reason, approve: reason };
  }
  const actor = session.actor;
  if (actor !== null && actor === request.requester) {
    return {
      decide: null,
      approve: 'you requested this change: someone else must approve it (separation of duties)',
    };
  }
  if (actor !== null && request.content.authors.includes(actor)) {
    return {
      decide: null,
      approve: `you are an author of ${request.service} ${request.version}: someone else must approve it (separation of duties)`,
    };
  }
  const already = request.approvals.some(
    (approval) =>
      approval.approver === actor &&
      approval.decision === 'approve' &&
      approval.contentDigest === request.contentDigest,
  );
  if (actor !== null && already) {
    return { decide: null, approve: 'you approved this content already: one person counts once' };
  }
  return { decide: null, approve: null };
}

/** An approval counts while it approved the content as it reads now. */
export function countsNow(approval: Approval, request: ChangeRequestView): boolean {
  return approval.decision === 'approve' && approval.contentDigest === request.contentDigest;
}

/** Distinct approvers whose approval counts now (one person counts once). */
export function countedApprovers(request: ChangeRequestView): string[] {
  return [
    ...new Set(
      request.approvals
        .filter((approval) => countsNow(approval, request))
        .map((approval) => approval.approver),
    ),
  ];
}

export interface ChangeReference {
  /** `reference` for a bare `#12`, which may be either. */
  readonly kind: 'pull request' | 'issue' | 'reference';
  readonly label: string;
  /** A link when the notes give the address; null for a bare `#12`. */
  readonly url: string | null;
}

/**
 * Pull requests and issues the release notes mention: addresses with `/pull/N`, `/pulls/N`,
 * `/merge_requests/N` or `/issues/N`, and bare `#N` references, each once.
 */
export function changeReferences(notes: string | null): ChangeReference[] {
  if (notes === null) return [];
  const found = new Map<string, ChangeReference>();
  const addresses = /https?:\/\/[^\s)\]>"']+\/(pull|pulls|merge_requests|issues)\/(\d+)/g;
  for (const match of notes.matchAll(addresses)) {
    const kind = match[1] === 'issues' ? 'issue' : 'pull request';
    const url = match[0];
    found.set(url, { kind, label: `#${match[2] ?? ''}`, url });
  }
  const linked = new Set([...found.values()].map((reference) => reference.label));
  for (const match of notes.matchAll(/(?:^|[\s(])#(\d+)\b/g)) {
    const label = `#${match[1] ?? ''}`;
    if (!linked.has(label) && !found.has(label)) {
      found.set(label, { kind: 'reference', label, url: null });
    }
  }
  return [...found.values()];
}

/** `2 passed, 1 failed`, or `none`. */
export function checksSummary(checks: readonly { readonly status: string }[]): string {
  if (checks.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const check of checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  return [...counts.entries()].map(([status, count]) => `${count} ${status}`).join(', ');
}

import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { ApiError } from '../api/api-client.js';
import type { ChangeRequestView } from '../api/api-types.js';
import { formatTime, shortDigest } from '../format/format-time.js';
import { TableHead } from '../layout/table-head.js';
import { useApi, useSession } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useReloadableResource } from '../layout/use-resource.js';
import { MarkdownView } from '../markdown/markdown-view.js';
import { hrefOf } from '../routing/route.js';
import { changeReferences, countedApprovers, countsNow, decisionBlocks } from './approval-rules.js';

/** One change request: everything the approver must see, the decisions so far, and the form. */
export function ApprovalPage({ id }: { readonly id: string }): ReactNode {
  const api = useApi();
  const [resource, reload] = useReloadableResource(
    `change-request:${id}`,
    () => api.getChangeRequest(id),
    10_000,
  );
  return (
    <section aria-labelledby="approval-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'approvals' })}>Approvals</a> /
      </p>
      <ResourceView resource={resource}>
        {(request) => (
          <>
            <h1 id="approval-title">
              {request.service} {request.version} to {request.environment}{' '}
              <span className={`badge badge-${request.status}`}>{request.status}</span>
            </h1>
            <ChangeContent request={request} />
            <Decisions request={request} />
            <DecisionForm request={request} onDecided={reload} />
          </>
        )}
      </ResourceView>
    </section>
  );
}

function ChangeContent({ request }: { readonly request: ChangeRequestView }): ReactNode {
  const { content } = request;
  const references = changeReferences(content.notes);
  return (
    <>
      <dl className="facts">
        <dt>Requested</dt>
        <dd>
          {formatTime(request.createdAt)} by <code>{content.requester}</code>
        </dd>
        <dt>Authors</dt>
        <dd>
          {content.authors.length === 0
            ? '–'
            : content.authors.map((author) => <code key={author}>{author} </code>)}
        </dd>
        <dt>Release</dt>
        <dd>
          <a href={hrefOf({ page: 'release', service: request.service, version: request.version })}>
            {request.service} {request.version}
          </a>
          {content.tag === null ? '' : `, tag ${content.tag}`}
        </dd>
        <dt>Commit</dt>
        <dd>{content.commit === null ? '–' : <code>{content.commit}</code>}</dd>
        <dt>Strategy</dt>
        <dd>{content.strategy}</dd>
        <dt>Content digest</dt>
        <dd>
          <code className="digest-full">{request.contentDigest}</code>
        </dd>
      </dl>

      <h2>What changes</h2>
      <p data-diff="versions">
        {request.environment} runs <strong>{content.diff.fromVersion ?? 'nothing'}</strong> now;
        this change makes it <strong>{content.diff.toVersion}</strong>.
      </p>
      <ul className="digest-diff">
        {content.diff.addedDigests.map((digest) => (
          <li key={`+${digest}`} className="added">
            <span aria-hidden="true">+ </span>
            <span className="visually-hidden">added </span>
            <code title={digest}>{shortDigest(digest)}</code>
          </li>
        ))}
        {content.diff.removedDigests.map((digest) => (
          <li key={`-${digest}`} className="removed">
            <span aria-hidden="true">− </span>
            <span className="visually-hidden">removed </span>
            <code title={digest}>{shortDigest(digest)}</code>
          </li>
        ))}
      </ul>
      <p className="rollback" data-rollback-target="">
        Rollback target:{' '}
        {content.running === null ? (
          <span className="muted">none (nothing runs there yet: a failure rolls forward)</span>
        ) : (
          <a
            href={hrefOf({
              page: 'release',
              service: request.service,
              version: content.running.version,
            })}
          >
            {content.running.version}
          </a>
        )}
      </p>

      <h2>Policy verdict when requested</h2>
      <p className={`verdict verdict-${content.policy.decision}`}>
        {content.policy.decision.replace('_', ' ')} (policy version {content.policy.version}),{' '}
        {content.policy.requiredApprovals} approval
        {content.policy.requiredApprovals === 1 ? '' : 's'} required
      </p>
      {content.policy.unmet.length === 0 ? null : (
        <ul className="unmet">
          {content.policy.unmet.map((rule) => (
            <li key={`${rule.rule}:${rule.reason}`}>
              <strong>{rule.rule}</strong>: {rule.reason}
              {rule.bypassed ? ' (bypassed by break-glass)' : ''}
            </li>
          ))}
        </ul>
      )}

      <h2>Checks</h2>
      {content.checks.length === 0 ? (
        <p className="muted">No check results recorded for this release.</p>
      ) : (
        <ul className="checks">
          {content.checks.map((check) => (
            <li key={check.name} className={`check-${check.status}`}>
              <strong>{check.name}</strong>: <span className="status">{check.status}</span>{' '}
              <span className="muted">{formatTime(check.recordedAt)}</span>
              {check.url === null ? null : (
                <>
                  {' '}
                  <a href={check.url} rel="noreferrer noopener">
                    run
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>Pull requests and issues</h2>
      {references.length === 0 ? (
        <p className="muted">The notes mention none.</p>
      ) : (
        <ul className="references">
          {references.map((reference) => (
            <li key={reference.url ?? reference.label}>
              {reference.kind}{' '}
              {reference.url === null ? (
                reference.label
              ) : (
                <a href={reference.url} rel="noreferrer noopener">
                  {reference.label}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Notes</h2>
      {content.notes === null || content.notes.trim() === '' ? (
        <p className="muted">No notes recorded.</p>
      ) : (
        <MarkdownView source={content.notes} />
      )}
    </>
  );
}

function Decisions({ request }: { readonly request: ChangeRequestView }): ReactNode {
  const counted = countedApprovers(request);
  return (
    <>
      <h2>Reviewers</h2>
      <p data-approvals-counted="">
        {counted.length} of {request.content.policy.requiredApprovals} required approvals count now.
      </p>
      {request.approvals.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="decisions">
            <TableHead columns={['Reviewer', 'Decision', 'Comment', 'When']} />
            <tbody>
              {request.approvals.map((approval) => (
                <tr key={approval.id}>
                  <td>
                    <code>{approval.approver}</code>{' '}
                    <span className="muted">({approval.roles.join(', ')})</span>
                  </td>
                  <td>
                    {approval.decision === 'approve' ? 'approved' : 'rejected'}
                    {approval.decision === 'approve' && !countsNow(approval, request)
                      ? ' (an older content: no longer counts)'
                      : ''}
                  </td>
                  <td>{approval.comment ?? '–'}</td>
                  <td>{formatTime(approval.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function DecisionForm({
  request,
  onDecided,
}: {
  readonly request: ChangeRequestView;
  readonly onDecided: () => void;
}): ReactNode {
  const api = useApi();
  const session = useSession();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A separation-of-duties refusal the page could not foresee (GET /api/whoami failed, or the
  // request changed meanwhile) keeps the approve button disabled with the server's reason.
  const [refused, setRefused] = useState<string | null>(null);
  const blocks = decisionBlocks(request, session);
  const approveBlock = blocks.approve ?? refused;

  async function decide(decision: 'approve' | 'reject'): Promise<void> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.decideChangeRequest(request.id, decision, {
        ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
        seenDigest: request.contentDigest,
      });
      setComment('');
      setDone(decision === 'approve' ? 'Approved.' : 'Rejected.');
      onDecided();
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setError(message);
      if (caught instanceof ApiError && caught.status === 403 && decision === 'approve') {
        setRefused(message);
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
  }

  return (
    <form className="decision" aria-labelledby="decision-title" onSubmit={submit}>
      <h2 id="decision-title">Decision</h2>
      {blocks.decide === null ? null : (
        <p className="muted" id="decide-blocked">
          {blocks.decide}
        </p>
      )}
      <label htmlFor="decision-comment">Comment (required to reject)</label>
      <textarea
        id="decision-comment"
        rows={3}
        maxLength={4096}
        value={comment}
        disabled={blocks.decide !== null}
        onChange={(event) => setComment(event.target.value)}
      />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || blocks.decide !== null || approveBlock !== null}
          aria-describedby={approveBlock === null ? undefined : 'approve-blocked'}
          onClick={() => void decide('approve')}
        >
          Approve
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || blocks.decide !== null || comment.trim() === ''}
          aria-describedby={blocks.decide === null ? undefined : 'decide-blocked'}
          onClick={() => void decide('reject')}
        >
          Reject
        </button>
      </div>
      {approveBlock === null || blocks.decide !== null ? null : (
        <p className="muted" id="approve-blocked" data-blocked="approve">
          You cannot approve: {approveBlock}
        </p>
      )}
      {error === null ? null : (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done === null ? null : (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      {request.status === 'approved' ? (
        <p className="hint">
          Approved: the requester deploys it with <code>slipway deploy --request {request.id}</code>
          .
        </p>
      ) : null}
    </form>
  );
}

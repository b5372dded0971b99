import type { ReactNode } from 'react';
import type { ChangeRequestView } from '../api/api-types.js';
import { countsNow } from '../approvals/approval-rules.js';
import { formatTime } from '../format/format-time.js';
import { hrefOf } from '../routing/route.js';

/** The change requests of a release, per environment, with who decided and how. */
export function ReleaseApprovals({
  requests,
}: {
  readonly requests: readonly ChangeRequestView[];
}): ReactNode {
  if (requests.length === 0) {
    return <p className="muted">No change requests: no deployment of it needed an approval.</p>;
  }
  return (
    <ul className="release-approvals">
      {requests.map((request) => (
        <li key={request.id} data-request={request.id}>
          <a href={hrefOf({ page: 'approval', id: request.id })}>to {request.environment}</a>{' '}
          <span className={`badge badge-${request.status}`}>{request.status}</span>{' '}
          <span className="muted">requested by {request.requester}</span>
          {request.approvals.length === 0 ? null : (
            <ul>
              {request.approvals.map((approval) => (
                <li key={approval.id}>
                  {approval.decision === 'approve' ? 'approved' : 'rejected'} by{' '}
                  <code>{approval.approver}</code> ({approval.roles.join(', ')}),{' '}
                  {formatTime(approval.createdAt)}
                  {approval.comment === null ? '' : `: “${approval.comment}”`}
                  {approval.decision === 'approve' && !countsNow(approval, request)
                    ? ' (an older content: no longer counts)'
                    : ''}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

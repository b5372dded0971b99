import type { ReactNode } from 'react';
import type { ChangeRequestStatus } from '../api/api-types.js';
import { formatAgo, formatTime } from '../format/format-time.js';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useQueueFilter } from '../layout/status-filter.js';
import { TableHead } from '../layout/table-head.js';
import { useResource } from '../layout/use-resource.js';
import { hrefOf } from '../routing/route.js';
import { checksSummary } from './approval-rules.js';

const statuses: readonly ChangeRequestStatus[] = ['open', 'approved', 'rejected', 'deployed'];

/** Change requests waiting for a decision (open by default), newest first; polled. */
export function ApprovalsPage(): ReactNode {
  const api = useApi();
  const filter = useQueueFilter(statuses, 'open');
  const resource = useResource(
    `change-requests:${filter.key}`,
    () => api.listChangeRequests({ ...filter.query }),
    10_000,
  );
  const now = new Date();
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">Approvals</h1>
      {filter.form}
      <ResourceView resource={resource}>
        {(requests) =>
          requests.length === 0 ? (
            <p className="muted">
              {filter.status === 'open'
                ? 'Nothing waits for approval. A deployment that needs one opens a change request here.'
                : 'No change requests match.'}
            </p>
          ) : (
            <div className="table-scroll">
              <table className="requests">
                <caption className="visually-hidden">Change requests</caption>
                <TableHead
                  columns={[
                    'Change',
                    'Environment',
                    'From → to',
                    'Commit',
                    'Checks',
                    'Verdict',
                    'Requested',
                    'Status',
                  ]}
                />
                <tbody>
                  {requests.map((request) => (
                    <tr key={request.id} data-request={request.id}>
                      <th scope="row">
                        <a href={hrefOf({ page: 'approval', id: request.id })}>
                          {request.service} {request.version}
                        </a>
                      </th>
                      <td>{request.environment}</td>
                      <td>
                        {request.content.running?.version ?? 'nothing'} → {request.version}
                      </td>
                      <td>
                        {request.content.commit === null ? (
                          '–'
                        ) : (
                          <code title={request.content.commit}>
                            {request.content.commit.slice(0, 10)}
                          </code>
                        )}
                      </td>
                      <td>{checksSummary(request.content.checks)}</td>
                      <td>
                        {request.content.policy.decision.replace('_', ' ')},{' '}
                        {request.content.policy.requiredApprovals} approval
                        {request.content.policy.requiredApprovals === 1 ? '' : 's'} required
                      </td>
                      <td>
                        <time dateTime={request.createdAt} title={formatTime(request.createdAt)}>
                          {formatAgo(request.createdAt, now)}
                        </time>{' '}
                        by {request.requester}
                      </td>
                      <td>
                        <span className={`badge badge-${request.status}`}>{request.status}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}

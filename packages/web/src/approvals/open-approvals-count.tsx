import type { ReactNode } from 'react';
import { useApi } from '../layout/app-context.js';
import { useResource } from '../layout/use-resource.js';

/** How many change requests wait for a decision, beside the Approvals link; polled. */
export function OpenApprovalsCount(): ReactNode {
  const api = useApi();
  const open = useResource(
    'open-approvals',
    async () => (await api.listChangeRequests({ status: 'open' })).length,
    30_000,
  );
  if (open.state !== 'ok' || open.data === 0) return null;
  return (
    <span className="nav-count" data-open-approvals={open.data}>
      {' '}
      {open.data}
      <span className="visually-hidden"> open</span>
    </span>
  );
}

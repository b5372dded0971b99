import type { ReactNode } from 'react';
import type { RolloutStatus } from '../api/api-types.js';
import { formatAgo, formatTime } from '../format/format-time.js';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useQueueFilter } from '../layout/status-filter.js';
import { TableHead } from '../layout/table-head.js';
import { useResource } from '../layout/use-resource.js';
import { hrefOf } from '../routing/route.js';
import { progressOf } from './rollout-progress.js';

const statuses: readonly RolloutStatus[] = [
  'progressing',
  'paused',
  'frozen',
  'aborted',
  'succeeded',
];

/** Rollouts, newest first, with their step and weight; polled every 5 s. */
export function RolloutsPage(): ReactNode {
  const api = useApi();
  const filter = useQueueFilter(statuses, '');
  const resource = useResource(
    `rollouts:${filter.key}`,
    () => api.listRollouts({ ...filter.query, limit: 100 }),
    5_000,
  );
  const now = new Date();
  return (
    <section aria-labelledby="rollouts-title">
      <h1 id="rollouts-title">Rollouts</h1>
      {filter.form}
      <ResourceView resource={resource}>
        {(rollouts) =>
          rollouts.length === 0 ? (
            <p className="muted">
              No rollouts{filter.status === '' ? '' : ` ${filter.status}`}. A deployment with a
              canary or blue-green rollout spec shows here while it moves traffic.
            </p>
          ) : (
            <div className="table-scroll">
              <table className="rollouts">
                <caption className="visually-hidden">Rollouts</caption>
                <TableHead
                  columns={[
                    'Rollout',
                    'Environment',
                    'Strategy',
                    'Status',
                    'Step',
                    'Weight',
                    'Updated',
                  ]}
                />
                <tbody>
                  {rollouts.map((rollout) => {
                    const progress = progressOf(rollout);
                    return (
                      <tr key={rollout.id} data-rollout={rollout.id}>
                        <th scope="row">
                          <a href={hrefOf({ page: 'rollout', id: rollout.id })}>
                            {rollout.service} {rollout.stableVersion ?? '–'} → {rollout.version}
                          </a>
                        </th>
                        <td>{rollout.environment}</td>
                        <td>{rollout.spec.strategy.kind}</td>
                        <td>
                          <span className={`badge badge-${rollout.status}`}>{rollout.status}</span>
                        </td>
                        <td>
                          {progress.step}/{progress.of}
                        </td>
                        <td>
                          <WeightBar weight={rollout.weight} />
                        </td>
                        <td>
                          <time dateTime={rollout.updatedAt} title={formatTime(rollout.updatedAt)}>
                            {formatAgo(rollout.updatedAt, now)}
                          </time>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}

/** The canary's share of traffic as a bar and a number (the number is what readers hear). */
export function WeightBar({ weight }: { readonly weight: number }): ReactNode {
  const clamped = Math.max(0, Math.min(100, weight));
  return (
    <span className="weight">
      <span className="weight-track" aria-hidden="true">
        <span className="weight-fill" style={{ width: `${clamped}%` }} />
      </span>{' '}
      {weight}%
    </span>
  );
}

import type { ReactNode } from 'react';
import { formatTime } from '../format/format-time.js';
import { hrefOf } from '../routing/route.js';
import type { EnvironmentDeployments } from './release-deployments.js';

/** One lane per environment; each deployment with its action, status and rollback target. */
export function ReleaseTimeline({
  byEnvironment,
}: {
  readonly byEnvironment: readonly EnvironmentDeployments[];
}): ReactNode {
  return (
    <ol className="timeline">
      {byEnvironment.map(({ environment, deployments }) => (
        <li key={environment} data-environment={environment}>
          <h3>{environment}</h3>
          {deployments.length === 0 ? (
            <p className="muted">not deployed</p>
          ) : (
            <ol>
              {deployments.map((deployment) => (
                <li key={deployment.id} className={`status-${deployment.status}`}>
                  <time dateTime={deployment.createdAt}>{formatTime(deployment.createdAt)}</time>{' '}
                  <strong>{deployment.action}</strong>
                  {deployment.sourceEnvironment === null
                    ? ''
                    : ` from ${deployment.sourceEnvironment}`}{' '}
                  by {deployment.actor}:{' '}
                  <span className="status">{deployment.status.replace('_', ' ')}</span>
                  <div className="rollback">
                    Rollback target:{' '}
                    {deployment.rollbackTarget === null ? (
                      <span className="muted">none</span>
                    ) : (
                      <a
                        href={hrefOf({
                          page: 'release',
                          service: deployment.service,
                          version: deployment.rollbackTarget.version,
                        })}
                      >
                        {deployment.rollbackTarget.version}
                      </a>
                    )}
                    {deployment.rollbackCommand === null ? null : (
                      <>
                        {' '}
                        <code>{deployment.rollbackCommand}</code>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </li>
      ))}
    </ol>
  );
}

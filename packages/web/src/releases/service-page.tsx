import type { ReactNode } from 'react';
import type { Release } from '../api/api-types.js';
import { formatTime } from '../format/format-time.js';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useResource } from '../layout/use-resource.js';
import { DoraPanel } from '../metrics/dora-panel.js';
import { hrefOf } from '../routing/route.js';

/** One service: its owner and lifecycle, DORA metrics and every release. */
export function ServicePage({ service }: { readonly service: string }): ReactNode {
  const api = useApi();
  const resource = useResource(
    `service:${service}`,
    async () => {
      const services = await api.listServices();
      const found = services.find((candidate) => candidate.name === service);
      if (found === undefined) throw new Error(`no service named ${service}`);
      const [releases, deployments] = await Promise.all([
        api.listReleases(service),
        api.listDeployments(service),
      ]);
      return { service: found, releases, deployments };
    },
    15_000,
  );
  return (
    <section aria-labelledby="service-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'catalog' })}>Catalog</a> /
      </p>
      <h1 id="service-title">{service}</h1>
      <ResourceView resource={resource}>
        {({ service: found, releases, deployments }) => (
          <>
            <dl className="facts">
              <dt>Owner</dt>
              <dd>
                {found.owner === null ? (
                  '–'
                ) : (
                  <a href={hrefOf({ page: 'team', team: found.owner })}>{found.owner}</a>
                )}
              </dd>
              <dt>Risk tier</dt>
              <dd>{found.riskTier}</dd>
              <dt>Lifecycle</dt>
              <dd>{found.lifecycle.join(' → ')}</dd>
              <dt>Repository</dt>
              <dd>{found.repository ?? '–'}</dd>
            </dl>
            <DoraPanel service={found} releases={releases} deployments={deployments} />
            <h2>Releases</h2>
            {releases.length === 0 ? (
              <p>No releases recorded yet.</p>
            ) : (
              <ul className="releases">
                {newestFirst(releases).map((release) => (
                  <li key={release.id}>
                    <a href={hrefOf({ page: 'release', service, version: release.version })}>
                      {release.version}
                    </a>{' '}
                    <span className="muted">
                      {formatTime(release.createdAt)} by {release.createdBy}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </ResourceView>
    </section>
  );
}

function newestFirst(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

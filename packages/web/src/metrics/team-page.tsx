import type { ReactNode } from 'react';
import { useState } from 'react';
import { formatDuration } from '../format/format-time.js';
import { TableHead } from '../layout/table-head.js';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useResource } from '../layout/use-resource.js';
import { hrefOf } from '../routing/route.js';
import type { ServiceDelivery } from './dora-metrics.js';
import { teamDoraMetrics } from './dora-metrics.js';
import { DoraFigures, WindowChoice, failureRateText, restoreText } from './dora-panel.js';

/** A team (the services' owner): DORA measures of all its services together and one by one. */
export function TeamPage({ team }: { readonly team: string }): ReactNode {
  const api = useApi();
  const [windowDays, setWindowDays] = useState<number>(90);
  const resource = useResource(
    `team:${team}`,
    async (): Promise<ServiceDelivery[]> => {
      const services = (await api.listServices()).filter((service) => service.owner === team);
      return Promise.all(
        services.map(async (service) => {
          const [releases, deployments] = await Promise.all([
            api.listReleases(service.name),
            api.listDeployments(service.name),
          ]);
          return {
            service: service.name,
            productionEnvironment: service.lifecycle[service.lifecycle.length - 1] ?? '',
            releases,
            deployments,
          };
        }),
      );
    },
    30_000,
  );
  return (
    <section aria-labelledby="team-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'catalog' })}>Catalog</a> / team
      </p>
      <h1 id="team-title">{team}</h1>
      <ResourceView resource={resource}>
        {(services) => {
          if (services.length === 0) return <p className="muted">This team owns no services.</p>;
          const { team: metrics, perService } = teamDoraMetrics(services, new Date(), windowDays);
          return (
            <section className="dora" aria-labelledby="team-dora-title">
              <h2 id="team-dora-title">
                Delivery of {services.length} service{services.length === 1 ? '' : 's'} in
                production
              </h2>
              <WindowChoice windowDays={windowDays} onChange={setWindowDays} />
              <DoraFigures metrics={metrics} />
              <h2>Per service</h2>
              <div className="table-scroll">
                <table className="per-service">
                  <TableHead
                    columns={[
                      'Service',
                      'Deployments',
                      'Lead time',
                      'Change failure rate',
                      'Time to restore',
                    ]}
                  />
                  <tbody>
                    {perService.map(([name, entry]) => (
                      <tr key={name} data-service={name}>
                        <th scope="row">
                          <a href={hrefOf({ page: 'service', service: name })}>{name}</a>
                        </th>
                        <td>
                          {entry.deploymentsPerWeek.toFixed(1)}/week ({entry.deployments})
                        </td>
                        <td>{formatDuration(entry.medianLeadTime)}</td>
                        <td>{failureRateText(entry)}</td>
                        <td>{restoreText(entry)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        }}
      </ResourceView>
    </section>
  );
}

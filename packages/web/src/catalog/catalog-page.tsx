import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useResource } from '../layout/use-resource.js';
import type { CatalogFilter, CatalogRow } from './catalog-matrix.js';
import { catalogRows, choicesOf, filterRows } from './catalog-matrix.js';
import { CatalogTable } from './catalog-table.js';

/** Every service: what runs where, drift between environments, owner and tier; polled. */
export function CatalogPage(): ReactNode {
  const api = useApi();
  const resource = useResource(
    'catalog',
    async () => {
      const [services, status] = await Promise.all([api.listServices(), api.status()]);
      return catalogRows(services, status);
    },
    10_000,
  );
  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalog</h1>
      <ResourceView resource={resource}>
        {(rows) => (rows.length === 0 ? <EmptyCatalog /> : <FilteredCatalog rows={rows} />)}
      </ResourceView>
    </section>
  );
}

function FilteredCatalog({ rows }: { readonly rows: readonly CatalogRow[] }): ReactNode {
  const [filter, setFilter] = useState<CatalogFilter>({
    search: '',
    owner: '',
    tier: '',
    driftOnly: false,
  });
  const owners = useMemo(() => choicesOf(rows.map((row) => row.service.owner)), [rows]);
  const tiers = useMemo(() => choicesOf(rows.map((row) => row.service.riskTier)), [rows]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const change = (patch: Partial<CatalogFilter>): void => setFilter({ ...filter, ...patch });
  return (
    <>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            value={filter.search}
            placeholder="name, owner, repository, version"
            onChange={(event) => change({ search: event.target.value })}
          />
        </label>
        <label>
          Owner
          <select value={filter.owner} onChange={(event) => change({ owner: event.target.value })}>
            <option value="">every owner</option>
            {owners.map((owner) => (
              <option key={owner}>{owner}</option>
            ))}
          </select>
        </label>
        <label>
          Risk tier
          <select value={filter.tier} onChange={(event) => change({ tier: event.target.value })}>
            <option value="">every tier</option>
            {tiers.map((tier) => (
              <option key={tier}>{tier}</option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.driftOnly}
            onChange={(event) => change({ driftOnly: event.target.checked })}
          />
          only with drift
        </label>
      </form>
      <p className="count" aria-live="polite">
        {shown.length} of {rows.length} services
      </p>
      {shown.length === 0 ? (
        <p className="muted">No service matches.</p>
      ) : (
        // A new filter starts at the top of its results.
        <CatalogTable key={JSON.stringify(filter)} rows={shown} />
      )}
    </>
  );
}

function EmptyCatalog(): ReactNode {
  const origin = window.location.origin;
  return (
    <div className="empty">
      <h2>No services yet</h2>
      <p>Register the first one against this server, then record a release and deploy it:</p>
      <pre>
        <code>
          {[
            `export SLIPWAY_SERVER=${origin} SLIPWAY_TOKEN=<your token>`,
            'slipway service add api --owner team-payments --risk standard --lifecycle dev,staging,prod',
            'slipway catalog import catalog-info.yaml   # or import Backstage catalog files',
          ].join('\n')}
        </code>
      </pre>
      <p>
        Releases, artifacts and deployments are recorded the same way (<code>slipway release</code>,{' '}
        <code>slipway deploy</code>, <code>slipway promote</code>); see <code>docs/catalog.md</code>{' '}
        and <code>docs/server.md</code>.
      </p>
    </div>
  );
}

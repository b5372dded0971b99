import type { ReactNode } from 'react';
import { formatAge, formatTime, shortDigest } from '../format/format-time.js';
import { hrefOf } from '../routing/route.js';
import type { CatalogRow } from './catalog-matrix.js';

/** Columns are the environments of every lifecycle, in the order they first appear. */
export function environmentColumns(rows: readonly CatalogRow[]): string[] {
  const columns: string[] = [];
  for (const row of rows) {
    for (const cell of row.cells)
      if (!columns.includes(cell.environment)) columns.push(cell.environment);
  }
  return columns;
}

export function CatalogTable({ rows }: { readonly rows: readonly CatalogRow[] }): ReactNode {
  const columns = environmentColumns(rows);
  const now = new Date();
  return (
    <div className="table-scroll">
      <table className="matrix">
        <caption className="visually-hidden">What runs in each environment, per service</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Owner</th>
            <th scope="col">Tier</th>
            {columns.map((environment) => (
              <th scope="col" key={environment}>
                {environment}
              </th>
            ))}
            <th scope="col">Drift</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.service.name} data-service={row.service.name}>
              <th scope="row">
                <a href={hrefOf({ page: 'service', service: row.service.name })}>
                  {row.service.name}
                </a>
              </th>
              <td>{row.service.owner ?? '–'}</td>
              <td>
                <span className={`tier tier-${row.service.riskTier}`}>{row.service.riskTier}</span>
              </td>
              {columns.map((environment) => (
                <td key={environment} data-environment={environment}>
                  <Cell row={row} environment={environment} now={now} />
                </td>
              ))}
              <td className="drift">
                {row.drift.length === 0 ? (
                  <span className="muted">in step</span>
                ) : (
                  <ul>
                    {row.drift.map((drift) => (
                      <li key={drift.to}>
                        {drift.from} has <strong>{drift.version}</strong>, {drift.to}{' '}
                        {drift.behind === null ? 'has nothing' : `has ${drift.behind}`}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({
  row,
  environment,
  now,
}: {
  row: CatalogRow;
  environment: string;
  now: Date;
}): ReactNode {
  const cell = row.cells.find((candidate) => candidate.environment === environment);
  if (cell === undefined) return <span className="muted">not in lifecycle</span>;
  if (cell.running === null) return <span className="muted">–</span>;
  const { version, digests, deployedAt, actor } = cell.running;
  return (
    <div className="cell">
      <a href={hrefOf({ page: 'release', service: row.service.name, version })} className="version">
        {version}
      </a>
      {digests[0] === undefined ? null : (
        <code className="digest" title={digests.join('\n')}>
          {shortDigest(digests[0])}
          {digests.length > 1 ? ` +${digests.length - 1}` : ''}
        </code>
      )}
      <span className="meta">
        <time dateTime={deployedAt} title={formatTime(deployedAt)}>
          {formatAge(deployedAt, now)}
        </time>{' '}
        by {actor}
      </span>
    </div>
  );
}

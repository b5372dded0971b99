import type { KeyboardEvent, ReactNode } from 'react';
import { memo, useEffect, useMemo, useRef } from 'react';
import { formatAge, formatTime, shortDigest } from '../format/format-time.js';
import { hrefOf } from '../routing/route.js';
import type { CatalogRow } from './catalog-matrix.js';
import { scrollToShow, useWindowedRows } from './use-windowed-rows.js';

/** Every row is this high (styles.css `.matrix tbody tr`): what windowing computes with. */
export const catalogRowHeight = 84;

/** Columns are the environments of every lifecycle, in the order they first appear. */
export function environmentColumns(rows: readonly CatalogRow[]): string[] {
  const columns: string[] = [];
  for (const row of rows) {
    for (const cell of row.cells)
      if (!columns.includes(cell.environment)) columns.push(cell.environment);
  }
  return columns;
}

/** The key that moves the focus from row `index` of `count` to another, or null. */
export function rowAfterKey(
  key: string,
  index: number,
  count: number,
  page: number,
): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(last, index + page);
    case 'PageUp':
      return Math.max(0, index - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/**
 * The matrix, windowed: whatever the number of services, only the rows in view (and a few more)
 * are in the DOM. Arrow keys, Page Up/Down, Home and End move between rows' service links,
 * scrolling rows into existence; Tab leaves the table as usual.
 */
export function CatalogTable({ rows }: { readonly rows: readonly CatalogRow[] }): ReactNode {
  const columns = environmentColumns(rows);
  const {
    containerRef,
    onScroll,
    window: range,
    scrollTo,
  } = useWindowedRows(rows.length, catalogRowHeight);
  const focusRow = useRef<number | null>(null);
  // One clock per answer shown, so unchanged rows are not rendered again on every scroll.
  const now = useMemo(() => new Date(), [rows]);
  useEffect(() => {
    // After a keyboard move rendered the target row, focus its link.
    const index = focusRow.current;
    if (index === null) return;
    const link = containerRef.current?.querySelector<HTMLAnchorElement>(
      `tr[data-index="${index}"] th a`,
    );
    if (link) {
      link.focus({ preventScroll: true });
      focusRow.current = null;
    }
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const row = (event.target as HTMLElement).closest('tr[data-index]');
    const container = containerRef.current;
    if (row === null || container === null) return;
    const page = Math.max(1, Math.floor(container.clientHeight / catalogRowHeight) - 1);
    const next = rowAfterKey(event.key, Number(row.getAttribute('data-index')), rows.length, page);
    if (next === null) return;
    event.preventDefault();
    const header = container.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    focusRow.current = next;
    scrollTo(
      scrollToShow(next, catalogRowHeight, container.scrollTop, container.clientHeight, header),
    );
    // The row may be rendered already: focus it now (the effect covers the other case).
    const link = container.querySelector<HTMLAnchorElement>(`tr[data-index="${next}"] th a`);
    if (link) {
      link.focus({ preventScroll: true });
      focusRow.current = null;
    }
  }

  return (
    <div
      className="table-scroll windowed"
      ref={containerRef}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      style={{ height: `min(75vh, calc(${rows.length * catalogRowHeight}px + 2.5rem))` }}
    >
      <table className="matrix" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">
          What runs in each environment, per service; arrow keys move between services
        </caption>
        <thead>
          <tr aria-rowindex={1}>
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
          {range.before > 0 ? (
            <tr className="spacer" aria-hidden="true" style={{ height: `${range.before}px` }} />
          ) : null}
          {rows.slice(range.start, range.end).map((row, offset) => (
            <MatrixRow
              key={row.service.name}
              row={row}
              index={range.start + offset}
              columns={columns}
              now={now}
            />
          ))}
          {range.after > 0 ? (
            <tr className="spacer" aria-hidden="true" style={{ height: `${range.after}px` }} />
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

const MatrixRow = memo(function MatrixRow({
  row,
  index,
  columns,
  now,
}: {
  readonly row: CatalogRow;
  readonly index: number;
  readonly columns: readonly string[];
  readonly now: Date;
}): ReactNode {
  return (
    <tr data-service={row.service.name} data-index={index} aria-rowindex={index + 2}>
      <th scope="row">
        <a href={hrefOf({ page: 'service', service: row.service.name })}>{row.service.name}</a>
      </th>
      <td>
        {row.service.owner === null ? (
          '–'
        ) : (
          <a href={hrefOf({ page: 'team', team: row.service.owner })} className="owner">
            {row.service.owner}
          </a>
        )}
      </td>
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
  );
});

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
      <span className="meta" title={`${formatTime(deployedAt)} by ${actor}`}>
        <time dateTime={deployedAt} title={formatTime(deployedAt)}>
          {formatAge(deployedAt, now)}
        </time>{' '}
        by {actor}
      </span>
    </div>
  );
}

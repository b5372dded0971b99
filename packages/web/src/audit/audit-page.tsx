import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import type { LedgerEvent } from '../api/api-types.js';
import { formatTime } from '../format/format-time.js';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useResource } from '../layout/use-resource.js';
import type { LedgerFilter } from './ledger-filter.js';
import { emptyLedgerFilter, ledgerQueryOf } from './ledger-filter.js';

const pageSize = 100;

/** The ledger, filtered on the server, with the hash chain's verification status. */
export function AuditPage(): ReactNode {
  const api = useApi();
  const verification = useResource('ledger-verify', () => api.verifyLedger(), 30_000);
  const [draft, setDraft] = useState<LedgerFilter>(emptyLedgerFilter);
  const [filter, setFilter] = useState<LedgerFilter>(emptyLedgerFilter);
  const [more, setMore] = useState<{ events: LedgerEvent[]; nextAfter: number | null } | null>(
    null,
  );
  const page = useResource(`ledger:${JSON.stringify(filter)}`, () =>
    api.listEvents(ledgerQueryOf(filter, pageSize)),
  );

  function search(event: FormEvent): void {
    event.preventDefault();
    setMore(null);
    setFilter(draft);
  }

  async function loadMore(after: number, sofar: LedgerEvent[]): Promise<void> {
    const next = await api.listEvents(ledgerQueryOf(filter, pageSize, after));
    setMore({ events: [...sofar, ...next.events], nextAfter: next.nextAfter });
  }

  const field = (key: keyof LedgerFilter, label: string, type = 'text'): ReactNode => (
    <label>
      {label}
      <input
        type={type}
        value={draft[key]}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      />
    </label>
  );

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit</h1>
      <ResourceView resource={verification}>
        {(result) =>
          result.ok ? (
            <p className="chain ok" role="status">
              Chain verified: {result.events} events, every hash links to the one before.
            </p>
          ) : (
            <p className="chain broken" role="alert">
              Chain broken at event {result.firstBroken?.sequence}: {result.firstBroken?.reason} (
              {result.firstBroken?.detail})
            </p>
          )
        }
      </ResourceView>
      <form className="filters" role="search" onSubmit={search}>
        {field('subject', 'Subject')}
        {field('type', 'Type')}
        {field('actor', 'Actor')}
        {field('since', 'Since (UTC)', 'datetime-local')}
        {field('until', 'Until (UTC)', 'datetime-local')}
        <button type="submit">Search</button>
      </form>
      <ResourceView resource={page}>
        {(first) => {
          const events = more?.events ?? [...first.events];
          const nextAfter = more === null ? first.nextAfter : more.nextAfter;
          return (
            <>
              <p className="count" aria-live="polite">
                {events.length} events{nextAfter === null ? '' : ' (more available)'}
              </p>
              <LedgerTable events={events} />
              {nextAfter === null ? null : (
                <button type="button" onClick={() => void loadMore(nextAfter, events)}>
                  Load more
                </button>
              )}
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

function LedgerTable({ events }: { readonly events: readonly LedgerEvent[] }): ReactNode {
  if (events.length === 0) return <p className="muted">No events match.</p>;
  return (
    <div className="table-scroll">
      <table className="ledger">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Type</th>
            <th scope="col">Subject</th>
            <th scope="col">Actor</th>
            <th scope="col">Payload</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{event.sequence}</td>
              <td>
                <time dateTime={event.time}>{formatTime(event.time)}</time>
              </td>
              <td>{event.type}</td>
              <td>{event.subject}</td>
              <td>{event.actor}</td>
              <td>
                <details>
                  <summary>
                    hash <code>{event.hash.slice(0, 12)}</code>
                  </summary>
                  <pre>{JSON.stringify(event.payload, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

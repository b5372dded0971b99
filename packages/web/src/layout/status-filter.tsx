import type { ReactNode } from 'react';
import { useState } from 'react';

export interface QueueFilter<S extends string> {
  /** '' for every status. */
  readonly status: S | '';
  /** The query for the API: only the filters that are set. */
  readonly query: { readonly status?: S; readonly service?: string };
  /** Names what is loaded, for `useResource`'s key. */
  readonly key: string;
  /** The form that changes them. */
  readonly form: ReactNode;
}

/** The filters of a queue page: a status (or every one) and an exact service name. */
export function useQueueFilter<S extends string>(
  statuses: readonly S[],
  initial: S | '',
): QueueFilter<S> {
  const [status, setStatus] = useState<S | ''>(initial);
  const [service, setService] = useState('');
  const name = service.trim();
  const form = (
    <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <label>
        Status
        <select value={status} onChange={(event) => setStatus(event.target.value as S | '')}>
          {statuses.map((choice) => (
            <option key={choice}>{choice}</option>
          ))}
          <option value="">every status</option>
        </select>
      </label>
      <label>
        Service
        <input
          type="search"
          value={service}
          placeholder="exact name"
          onChange={(event) => setService(event.target.value)}
        />
      </label>
    </form>
  );
  return {
    status,
    query: { ...(status === '' ? {} : { status }), ...(name === '' ? {} : { service: name }) },
    key: `${status}:${name}`,
    form,
  };
}

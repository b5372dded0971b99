import type { ReactNode } from 'react';
import type { Resource } from './use-resource.js';

/** The loading and error states every page shares; `children` renders the data. */
export function ResourceView<T>({
  resource,
  children,
}: {
  readonly resource: Resource<T>;
  readonly children: (data: T) => ReactNode;
}): ReactNode {
  if (resource.state === 'loading') return <p aria-busy="true">Loading…</p>;
  if (resource.state === 'error') {
    return (
      <p role="alert" className="error">
        {resource.error.message}
      </p>
    );
  }
  return children(resource.data);
}

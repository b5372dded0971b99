import type { ReactNode } from 'react';

/** A table's header row of column names. */
export function TableHead({ columns }: { readonly columns: readonly string[] }): ReactNode {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

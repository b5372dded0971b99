import type { ReactNode } from 'react';
import type { JsonValue } from '../api/api-types.js';
import { formatTime } from '../format/format-time.js';
import { TableHead } from '../layout/table-head.js';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useResource } from '../layout/use-resource.js';
import { historyWithChanges } from './flag-view.js';

/** Every version of a flag, newest first, with each field it changed (before → after). */
export function FlagHistory({
  service,
  environment,
  flagKey,
  version,
}: {
  readonly service: string;
  readonly environment: string;
  readonly flagKey: string;
  /** The current version: a new one loads the history again. */
  readonly version: number;
}): ReactNode {
  const api = useApi();
  const history = useResource(`flag-history:${service}:${environment}:${flagKey}:${version}`, () =>
    api.flagHistory(service, environment, flagKey),
  );
  return (
    <ResourceView resource={history}>
      {(versions) => (
        <ol className="flag-history" reversed>
          {historyWithChanges(versions).map(({ version: entry, changes }) => (
            <li key={entry.version} data-version={entry.version}>
              <strong>
                v{entry.version} {entry.change}
              </strong>{' '}
              <span className="muted">
                {formatTime(entry.time)} by {entry.actor}
              </span>
              {changes.length === 0 ? null : (
                <table className="diff">
                  <TableHead columns={['Field', 'Before', 'After']} />
                  <tbody>
                    {changes.map((change) => (
                      <tr key={change.field}>
                        <th scope="row">{change.field}</th>
                        <td className="removed">
                          <code>{compact(change.before)}</code>
                        </td>
                        <td className="added">
                          <code>{compact(change.after)}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      )}
    </ResourceView>
  );
}

function compact(value: JsonValue): string {
  return value === null ? '–' : JSON.stringify(value);
}

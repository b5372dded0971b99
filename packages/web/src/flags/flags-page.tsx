import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useReloadableResource, useResource } from '../layout/use-resource.js';
import { hrefOf } from '../routing/route.js';
import { FlagRow } from './flag-row.js';

/** Flags of one service in one environment: state, kill, rollout slider, history; polled. */
export function FlagsPage({
  service,
  environment,
}: {
  readonly service: string | undefined;
  readonly environment: string | undefined;
}): ReactNode {
  const api = useApi();
  const services = useResource('flag-services', () => api.listServices(), 60_000);
  const go = (nextService: string | undefined, nextEnvironment: string | undefined): void => {
    window.location.hash = hrefOf({
      page: 'flags',
      ...(nextService === undefined ? {} : { service: nextService }),
      ...(nextEnvironment === undefined ? {} : { environment: nextEnvironment }),
    });
  };
  return (
    <section aria-labelledby="flags-title">
      <h1 id="flags-title">Flags</h1>
      <ResourceView resource={services}>
        {(list) => {
          const found = list.find((candidate) => candidate.name === service);
          const environments = found?.lifecycle ?? [];
          return (
            <form className="filters" onSubmit={(event) => event.preventDefault()}>
              <label>
                Service
                <select
                  value={service ?? ''}
                  onChange={(event) =>
                    go(event.target.value === '' ? undefined : event.target.value, environment)
                  }
                >
                  <option value="">choose a service</option>
                  {list.map((entry) => (
                    <option key={entry.name}>{entry.name}</option>
                  ))}
                </select>
              </label>
              <label>
                Environment
                <select
                  value={environment ?? ''}
                  disabled={service === undefined}
                  onChange={(event) =>
                    go(service, event.target.value === '' ? undefined : event.target.value)
                  }
                >
                  <option value="">choose an environment</option>
                  {environments.map((name) => (
                    <option key={name}>{name}</option>
                  ))}
                  {environment !== undefined && !environments.includes(environment) ? (
                    <option>{environment}</option>
                  ) : null}
                </select>
              </label>
            </form>
          );
        }}
      </ResourceView>
      {service === undefined || environment === undefined ? (
        <p className="muted">Choose a service and an environment to see their flags.</p>
      ) : (
        <FlagList service={service} environment={environment} />
      )}
    </section>
  );
}

function FlagList({
  service,
  environment,
}: {
  readonly service: string;
  readonly environment: string;
}): ReactNode {
  const api = useApi();
  // Changes arrive by the flags' change stream (SSE) at once; the poll is the fallback.
  const [flags, reload] = useReloadableResource(
    `flags:${service}:${environment}`,
    () => api.listFlags(service, environment),
    30_000,
  );
  useEffect(() => {
    const stop = new AbortController();
    api.followFlagChanges(service, environment, reload, stop.signal);
    return () => stop.abort();
  }, [api, service, environment, reload]);
  return (
    <ResourceView resource={flags}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted">
            No flags in {service} / {environment}. Create one with{' '}
            <code>
              slipway flags set &lt;key&gt; --service {service} --env {environment} --state ENABLED
              --variants {'\'{"on":true,"off":false}\''} --default-variant off
            </code>{' '}
            or import a flagd file with <code>slipway flags import</code>.
          </p>
        ) : (
          <ul className="flags" aria-label={`Flags of ${service} in ${environment}`}>
            {list.map((flag) => (
              <FlagRow key={flag.key} flag={flag} onChanged={reload} />
            ))}
          </ul>
        )
      }
    </ResourceView>
  );
}

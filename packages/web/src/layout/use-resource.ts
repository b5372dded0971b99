import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'error'; readonly error: Error };

/**
 * Loads once per change of `key`, then again every `refreshMs` (live updates by polling) without
 * blanking what is shown; a failed refresh shows the error. An answer equal to the one shown
 * changes nothing, so a large catalog is not rendered again every few seconds for nothing, and a
 * hidden tab does not poll.
 */
export function useResource<T>(
  key: string,
  load: () => Promise<T>,
  refreshMs?: number,
): Resource<T> {
  return useReloadableResource(key, load, refreshMs)[0];
}

/**
 * `useResource` plus a function that loads again at once (after the page changed something),
 * keeping what is shown until the answer arrives.
 */
export function useReloadableResource<T>(
  key: string,
  load: () => Promise<T>,
  refreshMs?: number,
): readonly [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const runRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    let current = true;
    let shown: string | null = null;
    setResource({ state: 'loading' });
    const run = (): void => {
      load().then(
        (data) => {
          const text = JSON.stringify(data);
          if (!current || text === shown) return;
          shown = text;
          setResource({ state: 'ok', data });
        },
        (error: unknown) => {
          if (!current) return;
          shown = null;
          setResource({
            state: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          });
        },
      );
    };
    runRef.current = run;
    run();
    const poll = (): void => {
      if (!document.hidden) run();
    };
    const timer = refreshMs === undefined ? undefined : setInterval(poll, refreshMs);
    return () => {
      current = false;
      runRef.current = () => undefined;
      if (timer !== undefined) clearInterval(timer);
    };
    // `load` is a new closure on each render; `key` names what it loads.
  }, [key, refreshMs]);
  const reload = useCallback(() => runRef.current(), []);
  return [resource, reload] as const;
}

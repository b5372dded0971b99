/** The dashboard's pages, addressed by the URL fragment so the server serves one file. */
export type Route =
  | { readonly page: 'catalog' }
  | { readonly page: 'service'; readonly service: string }
  | { readonly page: 'release'; readonly service: string; readonly version: string }
  | { readonly page: 'audit' }
  | { readonly page: 'not-found'; readonly path: string };

/** The route of a `location.hash` such as `#/services/api/releases/1.2.0`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const decoded = path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => safeDecode(part));
  const parts = decoded.filter((part): part is string => part !== null);
  if (parts.length !== decoded.length) return { page: 'not-found', path };
  if (parts.length === 0) return { page: 'catalog' };
  const [first, service, third, version] = parts;
  if (first === 'audit' && parts.length === 1) return { page: 'audit' };
  if (first === 'services' && service !== undefined) {
    if (parts.length === 2) return { page: 'service', service };
    if (parts.length === 4 && third === 'releases' && version !== undefined) {
      return { page: 'release', service, version };
    }
  }
  return { page: 'not-found', path };
}

/** The fragment that `parseRoute` reads back as this route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'catalog':
      return '#/';
    case 'audit':
      return '#/audit';
    case 'service':
      return `#/services/${encodeURIComponent(route.service)}`;
    case 'release':
      return `#/services/${encodeURIComponent(route.service)}/releases/${encodeURIComponent(route.version)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

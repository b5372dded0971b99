/** The dashboard's pages, addressed by the URL fragment so the server serves one file. */
export type Route =
  | { readonly page: 'catalog' }
  | { readonly page: 'service'; readonly service: string }
  | { readonly page: 'release'; readonly service: string; readonly version: string }
  | { readonly page: 'team'; readonly team: string }
  | { readonly page: 'audit' }
  | { readonly page: 'approvals' }
  | { readonly page: 'approval'; readonly id: string }
  | { readonly page: 'flags'; readonly service?: string; readonly environment?: string }
  | { readonly page: 'rollouts' }
  | { readonly page: 'rollout'; readonly id: string }
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
  const [first, second, third, fourth] = parts;
  if (parts.length === 1) {
    if (first === 'audit') return { page: 'audit' };
    if (first === 'approvals') return { page: 'approvals' };
    if (first === 'flags') return { page: 'flags' };
    if (first === 'rollouts') return { page: 'rollouts' };
  }
  if (parts.length === 2 && second !== undefined) {
    if (first === 'approvals') return { page: 'approval', id: second };
    if (first === 'rollouts') return { page: 'rollout', id: second };
    if (first === 'teams') return { page: 'team', team: second };
    if (first === 'flags') return { page: 'flags', service: second };
  }
  if (parts.length === 3 && first === 'flags' && second !== undefined && third !== undefined) {
    return { page: 'flags', service: second, environment: third };
  }
  if (first === 'services' && second !== undefined) {
    if (parts.length === 2) return { page: 'service', service: second };
    if (parts.length === 4 && third === 'releases' && fourth !== undefined) {
      return { page: 'release', service: second, version: fourth };
    }
  }
  return { page: 'not-found', path };
}

const part = encodeURIComponent;

/** The fragment that `parseRoute` reads back as this route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'catalog':
      return '#/';
    case 'audit':
      return '#/audit';
    case 'approvals':
      return '#/approvals';
    case 'approval':
      return `#/approvals/${part(route.id)}`;
    case 'rollouts':
      return '#/rollouts';
    case 'rollout':
      return `#/rollouts/${part(route.id)}`;
    case 'team':
      return `#/teams/${part(route.team)}`;
    case 'flags':
      if (route.service === undefined) return '#/flags';
      if (route.environment === undefined) return `#/flags/${part(route.service)}`;
      return `#/flags/${part(route.service)}/${part(route.environment)}`;
    case 'service':
      return `#/services/${part(route.service)}`;
    case 'release':
      return `#/services/${part(route.service)}/releases/${part(route.version)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

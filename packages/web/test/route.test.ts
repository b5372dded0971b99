import { describe, expect, it } from 'vitest';
import type { Route } from '../src/routing/route.js';
import { hrefOf, parseRoute } from '../src/routing/route.js';

describe('routes', () => {
  it('reads every page from the fragment and writes it back', () => {
    const routes: Route[] = [
      { page: 'catalog' },
      { page: 'audit' },
      { page: 'service', service: 'api' },
      { page: 'release', service: 'api/v2', version: '1.0.0+build.1' },
      { page: 'team', team: 'team payments' },
      { page: 'approvals' },
      { page: 'approval', id: 'cr-1' },
      { page: 'flags' },
      { page: 'flags', service: 'api' },
      { page: 'flags', service: 'api', environment: 'prod/eu' },
      { page: 'rollouts' },
      { page: 'rollout', id: 'ro 1' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('treats an empty fragment as the catalog and anything else as not found', () => {
    expect(parseRoute('')).toEqual({ page: 'catalog' });
    expect(parseRoute('#/nope')).toEqual({ page: 'not-found', path: '/nope' });
    expect(parseRoute('#/services/%E0%A4%A')).toEqual({
      page: 'not-found',
      path: '/services/%E0%A4%A',
    });
  });
});

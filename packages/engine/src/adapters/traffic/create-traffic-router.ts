import type { TrafficRouterConfig } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { TrafficRouter } from '../../features/rollouts/rollout-ports.js';
import { CommandTrafficRouter } from './command-traffic-router.js';
import type { FlagTrafficPort } from './flag-traffic-port.js';
import { FlagTrafficRouter } from './flag-traffic-router.js';
import { NginxTrafficRouter } from './nginx-traffic-router.js';

export interface TrafficRouterDeps {
  /** The flags feature, for `flag` routers (e.g. `flagServiceTrafficPort(flagService)`). */
  readonly flags?: FlagTrafficPort;
  /** argv that checks the nginx configuration before each reload (e.g. `nginx -t -q`). */
  readonly nginxTest?: readonly string[];
  /** Environment of reload and router programs; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory of router commands. */
  readonly cwd?: string;
}

/** The router a rollout spec names, one implementation per kind. */
export function createTrafficRouter(
  config: TrafficRouterConfig,
  deps: TrafficRouterDeps = {},
): TrafficRouter {
  const env = deps.env === undefined ? {} : { env: deps.env };
  switch (config.kind) {
    case 'nginx':
      return new NginxTrafficRouter({
        upstreamFile: config.upstreamFile,
        upstream: config.upstream,
        stable: config.stable,
        canary: config.canary,
        ...(config.reload === undefined ? {} : { reload: config.reload }),
        ...(deps.nginxTest === undefined ? {} : { test: deps.nginxTest }),
        ...env,
      });
    case 'flag':
      if (deps.flags === undefined) {
        throw new SlipwayError(
          'CONFIG_INVALID',
          `trafficRouter.kind flag: this process has no flags service to move ${config.flag} with`,
          { subject: 'trafficRouter.kind' },
        );
      }
      return new FlagTrafficRouter(deps.flags, config);
    case 'command':
      return new CommandTrafficRouter({
        command: config.command,
        ...(config.timeoutSeconds === undefined ? {} : { timeoutSeconds: config.timeoutSeconds }),
        ...(deps.cwd === undefined ? {} : { cwd: deps.cwd }),
        ...env,
      });
  }
}

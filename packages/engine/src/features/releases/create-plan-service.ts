import { CliGit } from '../../adapters/git/cli-git.js';
import { loadConfig } from '../../config/index.js';
import { createPlanService } from './plan-service.js';
import type { PlanService } from './plan-service.js';
import { readProjectFragments } from './project-fragments.js';
import { readShallowBoundary } from './shallow-boundary.js';
import { createFilePlanCache, noPlanCache } from './window-cache.js';

export interface PlanServiceOptions {
  /** Keep parsed commits and plans under `.git/slipway/cache` (default true). */
  readonly cache?: boolean;
}

/** The composition for a working directory: real git, configuration from its files. */
export function createPlanServiceFor(cwd: string, options: PlanServiceOptions = {}): PlanService {
  const useCache = options.cache ?? true;
  return createPlanService({
    git: new CliGit({ cwd }),
    loadConfig,
    shallowBoundary: readShallowBoundary,
    readFragments: readProjectFragments,
    cache: useCache ? createFilePlanCache : () => noPlanCache,
  });
}

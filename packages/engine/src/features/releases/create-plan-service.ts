import { CliGit } from '../../adapters/git/cli-git.js';
import { loadConfig } from '../../config/index.js';
import { createPlanService } from './plan-service.js';
import type { PlanService } from './plan-service.js';
import { readShallowBoundary } from './shallow-boundary.js';

/** The composition for a working directory: real git, configuration from its files. */
export function createPlanServiceFor(cwd: string): PlanService {
  return createPlanService({
    git: new CliGit({ cwd }),
    loadConfig,
    shallowBoundary: readShallowBoundary,
  });
}

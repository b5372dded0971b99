import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { PlanContext, PlanRequest, PlanService } from '@slipway/engine';

/** Options `version`, `release` and `release-pr` share with `plan`. */
export interface PlanningOptions {
  package?: string;
  prerelease?: string;
  firstParent?: boolean;
  date?: string;
}

export function withPlanningOptions(command: Command): Command {
  return command
    .option('--package <name>', 'only this package of a monorepo ([packages.<name>] key or name)')
    .option('--prerelease <id>', 'release a pre-release with this identifier (rc, beta, alpha)')
    .option('--first-parent', 'follow only the first parent of merge commits')
    .option(
      '--date <YYYY-MM-DD>',
      'release date for the changelog and notes (default: today, UTC)',
    );
}

export function planRequest(options: PlanningOptions): PlanRequest {
  return {
    ...(options.prerelease === undefined ? {} : { prerelease: options.prerelease }),
    ...(options.firstParent === true ? { firstParent: true } : {}),
    ...(options.package === undefined ? {} : { package: options.package }),
  };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function prepareOptions(options: PlanningOptions): { date?: string } {
  if (options.date === undefined) return {};
  if (!isoDate.test(options.date)) {
    throw new SlipwayError('USAGE', `--date "${options.date}" is not a date in YYYY-MM-DD form`, {
      subject: '--date',
    });
  }
  return { date: options.date };
}

/** Every package's plan, or only `--package`'s (which names the packages when it is unknown). */
export async function planSelected(
  service: PlanService,
  options: PlanningOptions,
  extra: Partial<PlanRequest> = {},
): Promise<PlanContext[]> {
  const request = { ...planRequest(options), ...extra };
  return options.package === undefined ? service.planAll(request) : [await service.plan(request)];
}

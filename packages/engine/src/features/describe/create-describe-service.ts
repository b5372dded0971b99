import { CliGit } from '../../adapters/git/cli-git.js';
import { loadConfig } from '../../config/index.js';
import type { DescribeService } from './describe-service.js';
import { createDescribeService } from './describe-service.js';

export interface DescribeServiceOptions {
  /** The environment (pretend variables, SOURCE_DATE_EPOCH); `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
}

/** The composition for a working directory: real git, configuration from its files. */
export function createDescribeServiceFor(
  cwd: string,
  options: DescribeServiceOptions = {},
): DescribeService {
  return createDescribeService({
    git: new CliGit({ cwd }),
    loadConfig,
    env: options.env ?? process.env,
    now: options.now ?? (() => new Date()),
    cwd,
  });
}

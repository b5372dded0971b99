import { join } from 'node:path';
import {
  branchingStrategies,
  type BranchingStrategy,
  type BranchingStrategyName,
} from './branching-strategies.js';
import { writeNewFiles } from './write-new-files.js';

export interface InitResult {
  readonly strategy: BranchingStrategy;
  /** Absolute path of the file written. */
  readonly file: string;
}

/**
 * Writes the strategy's `slipway.toml` into `dir`, whole or not at all; refuses to replace an
 * existing one unless `overwrite`.
 */
export async function initConfig(
  dir: string,
  strategyName: BranchingStrategyName,
  options: { readonly overwrite: boolean },
): Promise<InitResult> {
  const strategy = branchingStrategies[strategyName];
  const file = join(dir, 'slipway.toml');
  await writeNewFiles([{ path: file, content: strategy.config }], options);
  return { strategy, file };
}

import { join } from 'node:path';
import { writeNewFiles } from '../../guardrails/write-new-files.js';
import type { CiProvider, PipelineFile, PipelineOptions } from './pipeline-options.js';
import { pipelineGenerators } from './pipeline-providers.js';

/** Writes the provider's pipeline into the repository at `dir`; refuses to replace one unless `overwrite`. */
export async function writePipeline(
  dir: string,
  provider: CiProvider,
  options: PipelineOptions,
  write: { readonly overwrite: boolean },
): Promise<PipelineFile> {
  const file = pipelineGenerators[provider](options);
  await writeNewFiles([{ path: join(dir, file.path), content: file.content }], write);
  return file;
}

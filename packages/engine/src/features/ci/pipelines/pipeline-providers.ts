import { azurePipeline } from './azure-pipelines.js';
import { buildkitePipeline } from './buildkite.js';
import { circleciPipeline } from './circleci.js';
import { githubActionsPipeline } from './github-actions.js';
import { gitlabCiPipeline } from './gitlab-ci.js';
import type { CiProvider, PipelineFile, PipelineOptions } from './pipeline-options.js';

/** One generator per CI, registered by the name `slipway ci init --provider` takes. */
export const pipelineGenerators: Readonly<
  Record<CiProvider, (options: PipelineOptions) => PipelineFile>
> = {
  github: githubActionsPipeline,
  gitlab: gitlabCiPipeline,
  buildkite: buildkitePipeline,
  circleci: circleciPipeline,
  azure: azurePipeline,
};

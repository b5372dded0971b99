import type { PipelineFile, PipelineOptions } from './pipeline-options.js';
import { releaseJobs } from './release-path.js';
import { render } from './github-actions.js';

/** `.buildkite/pipeline.yml`: steps with keys and dependencies; files pass as build artifacts. */
export function buildkitePipeline(options: PipelineOptions): PipelineFile {
  const steps = releaseJobs(options, 'slipway check').map((job) => {
    const download = [
      ...(job.readsRelease ? ['buildkite-agent artifact download ".slipway/release.env" .'] : []),
      ...(job.readsDist ? ['buildkite-agent artifact download "dist/*" .'] : []),
    ]
      .map((line) => `${line}\n`)
      .join('');
    return {
      label: job.title,
      key: job.id,
      ...(job.needs.length === 0 ? {} : { depends_on: [...job.needs] }),
      ...(job.trunkOnly
        ? { if: `build.branch == "${options.branch}" && build.pull_request.id == null` }
        : {}),
      command: `${download}${job.script}`,
      ...(job.writes.length === 0
        ? {}
        : { artifact_paths: job.writes.map((path) => (path === 'dist' ? 'dist/*' : path)) }),
      ...(job.environment === null
        ? {}
        : { concurrency: 1, concurrency_group: `deploy-${job.environment}` }),
    };
  });
  return { path: '.buildkite/pipeline.yml', content: render({ steps }) };
}

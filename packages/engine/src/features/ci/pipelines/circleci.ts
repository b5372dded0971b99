import type { PipelineFile, PipelineOptions } from './pipeline-options.js';
import { releaseJobs } from './release-path.js';
import { render } from './github-actions.js';

/** `.circleci/config.yml`: one workflow; files pass through the workspace. */
export function circleciPipeline(options: PipelineOptions): PipelineFile {
  const list = releaseJobs(options, 'slipway check');
  const jobs: Record<string, unknown> = {};
  for (const job of list) {
    jobs[job.id] = {
      docker: [{ image: 'cimg/python:3.12-node' }],
      steps: [
        'checkout',
        ...(job.readsRelease ? [{ attach_workspace: { at: '.' } }] : []),
        { run: { name: job.title, command: job.script } },
        ...(job.writes.length === 0
          ? []
          : [{ persist_to_workspace: { root: '.', paths: [...job.writes] } }]),
      ],
    };
  }
  const trunkOnly = { branches: { only: [options.branch] } };
  const workflowJobs = list.map((job) => {
    const settings = {
      ...(job.needs.length === 0 ? {} : { requires: [...job.needs] }),
      ...(job.trunkOnly ? { filters: trunkOnly } : {}),
      // A context per environment carries its credentials and its restrictions.
      ...(job.environment === null ? {} : { context: [`slipway-${job.environment}`] }),
    };
    return Object.keys(settings).length === 0 ? job.id : { [job.id]: settings };
  });
  const document = { version: 2.1, jobs, workflows: { release: { jobs: workflowJobs } } };
  return { path: '.circleci/config.yml', content: render(document) };
}

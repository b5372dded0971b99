import type { PipelineFile, PipelineOptions } from './pipeline-options.js';
import { releaseJobs } from './release-path.js';
import { render } from './github-actions.js';

/** Downloads a pipeline artifact of this run into the work tree. */
function fetch(artifact: string, into: string): unknown[] {
  return [
    { download: 'current', artifact },
    {
      script: `mkdir -p ${into} && cp -r "$(Pipeline.Workspace)/${artifact}/." ${into}/`,
      displayName: `Fetch ${artifact}`,
    },
  ];
}

const stageName = (id: string): string => id.replaceAll('-', '_');

/** `azure-pipelines.yml`: a stage per step; deployments are deployment jobs on environments. */
export function azurePipeline(options: PipelineOptions): PipelineFile {
  const trunk = `eq(variables['Build.SourceBranch'], 'refs/heads/${options.branch}')`;
  const stages = releaseJobs(options, 'slipway check').map((job) => {
    const steps = [
      { checkout: 'self', fetchDepth: 0 },
      ...(job.readsRelease ? fetch('release', '.slipway') : []),
      ...(job.readsDist ? fetch('dist', 'dist') : []),
      {
        script: job.script,
        displayName: job.title,
        env: { SLIPWAY_TOKEN: '$(SLIPWAY_TOKEN)' },
      },
      ...(job.writes.length === 0
        ? []
        : job.writes.map((path) =>
            path === 'dist'
              ? { publish: 'dist', artifact: 'dist' }
              : { publish: '.slipway', artifact: 'release' },
          )),
    ];
    const body =
      job.environment === null
        ? { job: stageName(job.id), steps }
        : {
            deployment: stageName(job.id),
            environment: job.environment,
            strategy: { runOnce: { deploy: { steps } } },
          };
    return {
      stage: stageName(job.id),
      displayName: job.title,
      ...(job.needs.length === 0 ? {} : { dependsOn: job.needs.map(stageName) }),
      ...(job.trunkOnly ? { condition: `and(succeeded(), ${trunk})` } : {}),
      jobs: [body],
    };
  });
  const document = {
    trigger: { branches: { include: [options.branch] } },
    pr: { branches: { include: [options.branch] } },
    pool: { vmImage: 'ubuntu-latest' },
    stages,
  };
  return { path: 'azure-pipelines.yml', content: render(document) };
}

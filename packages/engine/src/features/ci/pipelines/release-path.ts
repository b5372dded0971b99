import type { PipelineOptions } from './pipeline-options.js';
import {
  buildScript,
  deployScript,
  installSlipway,
  loadRelease,
  promoteScript,
  promotions,
  pushScript,
  releaseScript,
} from './pipeline-steps.js';

/**
 * The release path as provider-neutral jobs, for the CIs without their own trusted publishing
 * or job outputs (Buildkite, CircleCI, Azure Pipelines): files pass between jobs as artifacts.
 */
export interface ReleaseJob {
  readonly id: string;
  readonly title: string;
  readonly script: string;
  readonly needs: readonly string[];
  /** Runs only for pushes to the trunk. */
  readonly trunkOnly: boolean;
  /** The deployment environment the job acts on, if any. */
  readonly environment: string | null;
  /** Reads `.slipway/release.env` (and `dist/`) written by earlier jobs. */
  readonly readsRelease: boolean;
  /** Reads `dist/`, built once by the build job. */
  readonly readsDist: boolean;
  /** Files later jobs need. */
  readonly writes: readonly string[];
}

export function releaseJobs(options: PipelineOptions, checkCommand: string): ReleaseJob[] {
  const job = (
    id: string,
    title: string,
    script: string,
    needs: readonly string[],
    extra: Partial<ReleaseJob> = {},
  ): ReleaseJob => ({
    id,
    title,
    script,
    needs,
    trunkOnly: true,
    environment: null,
    readsRelease: true,
    readsDist: id !== 'build',
    writes: [],
    ...extra,
  });
  const withSlipway = (script: string): string => `${installSlipway}\n${script}`;
  const before = { trunkOnly: false, readsRelease: false, readsDist: false };
  const jobs: ReleaseJob[] = [
    job('check', 'Guardrails', withSlipway(checkCommand), [], before),
    job('test', 'Test', options.testCommand, ['check'], before),
    job('release', 'Version, changelog and tag', withSlipway(releaseScript), ['test'], {
      readsRelease: false,
      readsDist: false,
      writes: ['.slipway/release.env'],
    }),
    job(
      'build',
      'Build once, SBOM',
      withSlipway(`${loadRelease}\ngit checkout "$SLIPWAY_TAG"\n${buildScript(options)}`),
      ['release'],
      { writes: ['dist'] },
    ),
  ];
  if (options.publish === 'pypi') {
    // No trusted publishing from this CI to PyPI: an upload token in TWINE_PASSWORD.
    jobs.push(
      job(
        'publish',
        'Publish to PyPI',
        `${loadRelease}\npython -m pip install twine\nTWINE_USERNAME=__token__ python -m twine upload dist/*.whl dist/*.tar.gz`,
        ['build'],
      ),
    );
  } else if (options.publish === 'npm') {
    jobs.push(
      job('publish', 'Publish to npm', `${loadRelease}\nnpm publish dist/*.tgz --access public`, [
        'build',
      ]),
    );
  }
  jobs.push(
    job('push', 'Register the release', withSlipway(`${loadRelease}\n${pushScript}`), ['build']),
  );
  const first = options.environments[0] ?? 'dev';
  jobs.push(
    job(
      `deploy-${first}`,
      `Deploy to ${first}`,
      withSlipway(`${loadRelease}\n${deployScript(options)}`),
      ['push'],
      {
        environment: first,
      },
    ),
  );
  let previous = `deploy-${first}`;
  for (const { from, to } of promotions(options)) {
    const id = `promote-${to}`;
    jobs.push(
      job(
        id,
        `Promote ${from} → ${to}`,
        withSlipway(`${loadRelease}\n${promoteScript(options, from, to)}`),
        [previous],
        {
          environment: to,
        },
      ),
    );
    previous = id;
  }
  return jobs;
}

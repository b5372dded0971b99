import type { PipelineFile, PipelineOptions } from './pipeline-options.js';
import {
  buildScript,
  deployScript,
  installSlipway,
  loadRelease,
  promoteScript,
  promotions,
  pushScript,
  pypiTokenExchange,
  releaseScript,
} from './pipeline-steps.js';
import { render } from './github-actions.js';

const lines = (script: string): string[] => script.split('\n');

/** `.gitlab-ci.yml`: merge requests are checked (code quality report); the default branch releases. */
export function gitlabCiPipeline(options: PipelineOptions): PipelineFile {
  const onMain = [
    { if: `$CI_COMMIT_BRANCH == "${options.branch}" && $CI_PIPELINE_SOURCE == "push"` },
  ];
  const withSlipway = { image: 'node:20', before_script: [installSlipway] };
  const releaseEnv = ['.slipway/release.env'];
  const document: Record<string, unknown> = {
    stages: ['check', 'test', 'release', 'build', 'publish', 'push', 'deploy', 'promote'],
    variables: { GIT_DEPTH: '0' },
    check: {
      ...withSlipway,
      stage: 'check',
      script: ['slipway check --format gitlab --output gl-code-quality-report.json'],
      artifacts: { when: 'always', reports: { codequality: 'gl-code-quality-report.json' } },
    },
    test: { stage: 'test', script: lines(options.testCommand) },
    release: {
      ...withSlipway,
      stage: 'release',
      rules: onMain,
      script: lines(releaseScript),
      // dotenv: the tag and version reach every later job as variables.
      artifacts: { paths: releaseEnv, reports: { dotenv: '.slipway/release.env' } },
    },
    build: {
      ...withSlipway,
      stage: 'build',
      rules: onMain,
      needs: ['release'],
      id_tokens: { SIGSTORE_ID_TOKEN: { aud: 'sigstore' } },
      script: [
        ...lines(loadRelease),
        'git checkout "$SLIPWAY_TAG"',
        ...lines(buildScript(options)),
      ],
      artifacts: { paths: ['dist/', ...releaseEnv] },
    },
  };
  if (options.publish === 'pypi') {
    document['publish'] = {
      image: 'python:3.12',
      stage: 'publish',
      rules: onMain,
      needs: ['build'],
      environment: 'pypi',
      // Trusted publishing: PyPI trusts this project's pipeline through the OIDC token.
      id_tokens: { PYPI_ID_TOKEN: { aud: 'pypi' } },
      script: [...lines(loadRelease), ...lines(pypiTokenExchange)],
    };
  } else if (options.publish === 'npm') {
    document['publish'] = {
      image: 'node:20',
      stage: 'publish',
      rules: onMain,
      needs: ['build'],
      environment: 'npm',
      id_tokens: { SIGSTORE_ID_TOKEN: { aud: 'sigstore' } },
      script: [...lines(loadRelease), 'npm publish dist/*.tgz --provenance --access public'],
    };
  }
  document['push'] = {
    ...withSlipway,
    stage: 'push',
    rules: onMain,
    needs: ['build'],
    script: [...lines(loadRelease), pushScript],
  };
  const first = options.environments[0] ?? 'dev';
  document[`deploy-${first}`] = {
    ...withSlipway,
    stage: 'deploy',
    rules: onMain,
    needs: ['build', 'push'],
    environment: first,
    script: [...lines(loadRelease), deployScript(options)],
  };
  let previous = `deploy-${first}`;
  for (const { from, to } of promotions(options)) {
    const id = `promote-${to}`;
    document[id] = {
      ...withSlipway,
      stage: 'promote',
      rules: onMain,
      needs: ['build', previous],
      environment: to,
      script: [...lines(loadRelease), promoteScript(options, from, to)],
    };
    previous = id;
  }
  return { path: '.gitlab-ci.yml', content: render(document) };
}

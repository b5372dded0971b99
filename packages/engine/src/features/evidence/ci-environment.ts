/** What the detected CI says about this run, for provenance. */
export interface CiEnvironment {
  /** `github-actions`, `gitlab-ci`, `buildkite`, `circleci`, `azure-pipelines`, `jenkins` or `local`. */
  readonly name: string;
  /** Who built: the CI's workflow or pipeline identity (SLSA `builder.id`). */
  readonly builderId: string;
  /** This run, as a URL where the CI has one (SLSA `invocationId`); null when the CI gives none. */
  readonly invocationId: string | null;
  readonly repository: string | null;
  readonly ref: string | null;
  readonly commit: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Builder id of a run outside any CI: the person's own machine, trusted as little as that. */
export const localBuilderId = 'https://slipway.dev/builders/local/v1';

const detectors: readonly ((env: Env) => CiEnvironment | null)[] = [
  githubActions,
  gitlabCi,
  buildkite,
  circleCi,
  azurePipelines,
  jenkins,
];

/** The first CI whose marker variable is set, else `local`. Reads only the given environment. */
export function detectCi(env: Env): CiEnvironment {
  for (const detect of detectors) {
    const found = detect(env);
    if (found !== null) return found;
  }
  return {
    name: 'local',
    builderId: localBuilderId,
    invocationId: null,
    repository: null,
    ref: null,
    commit: null,
  };
}

function githubActions(env: Env): CiEnvironment | null {
  if (env['GITHUB_ACTIONS'] !== 'true') return null;
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const repository = env['GITHUB_REPOSITORY'];
  const workflowRef = env['GITHUB_WORKFLOW_REF'];
  return {
    name: 'github-actions',
    // The workflow file at its ref is what decided how the build ran.
    builderId: workflowRef === undefined ? `${server}/actions/runner` : `${server}/${workflowRef}`,
    invocationId:
      repository === undefined || env['GITHUB_RUN_ID'] === undefined
        ? null
        : `${server}/${repository}/actions/runs/${env['GITHUB_RUN_ID']}/attempts/${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`,
    repository: repository === undefined ? null : `${server}/${repository}`,
    ref: env['GITHUB_REF'] ?? null,
    commit: env['GITHUB_SHA'] ?? null,
  };
}

function gitlabCi(env: Env): CiEnvironment | null {
  if (env['GITLAB_CI'] !== 'true') return null;
  const tag = env['CI_COMMIT_TAG'];
  const branch = env['CI_COMMIT_BRANCH'] ?? env['CI_COMMIT_REF_NAME'];
  return {
    name: 'gitlab-ci',
    builderId: `${env['CI_SERVER_URL'] ?? 'https://gitlab.com'}/${env['CI_PROJECT_PATH'] ?? ''}/-/blob/${env['CI_COMMIT_SHA'] ?? ''}/${env['CI_CONFIG_PATH'] ?? '.gitlab-ci.yml'}`,
    invocationId: env['CI_JOB_URL'] ?? null,
    repository: env['CI_PROJECT_URL'] ?? null,
    ref:
      tag !== undefined ? `refs/tags/${tag}` : branch !== undefined ? `refs/heads/${branch}` : null,
    commit: env['CI_COMMIT_SHA'] ?? null,
  };
}

function buildkite(env: Env): CiEnvironment | null {
  if (env['BUILDKITE'] !== 'true') return null;
  const pipeline = `https://buildkite.com/${env['BUILDKITE_ORGANIZATION_SLUG'] ?? ''}/${env['BUILDKITE_PIPELINE_SLUG'] ?? ''}`;
  const build = env['BUILDKITE_BUILD_URL'];
  const job = env['BUILDKITE_JOB_ID'];
  return {
    name: 'buildkite',
    builderId: pipeline,
    invocationId: build === undefined ? null : job === undefined ? build : `${build}#${job}`,
    repository: env['BUILDKITE_REPO'] ?? null,
    ref: refFrom(env['BUILDKITE_TAG'], env['BUILDKITE_BRANCH']),
    commit: env['BUILDKITE_COMMIT'] ?? null,
  };
}

function circleCi(env: Env): CiEnvironment | null {
  if (env['CIRCLECI'] !== 'true') return null;
  return {
    name: 'circleci',
    builderId: `https://app.circleci.com/pipelines/${env['CIRCLE_PROJECT_USERNAME'] ?? ''}/${env['CIRCLE_PROJECT_REPONAME'] ?? ''}`,
    invocationId: env['CIRCLE_BUILD_URL'] ?? null,
    repository: env['CIRCLE_REPOSITORY_URL'] ?? null,
    ref: refFrom(env['CIRCLE_TAG'], env['CIRCLE_BRANCH']),
    commit: env['CIRCLE_SHA1'] ?? null,
  };
}

function azurePipelines(env: Env): CiEnvironment | null {
  if (env['TF_BUILD']?.toLowerCase() !== 'true') return null;
  const project = `${env['SYSTEM_COLLECTIONURI'] ?? ''}${env['SYSTEM_TEAMPROJECT'] ?? ''}`;
  return {
    name: 'azure-pipelines',
    builderId: `${project}/_build?definitionId=${env['SYSTEM_DEFINITIONID'] ?? ''}`,
    invocationId:
      env['BUILD_BUILDID'] === undefined
        ? null
        : `${project}/_build/results?buildId=${env['BUILD_BUILDID']}`,
    repository: env['BUILD_REPOSITORY_URI'] ?? null,
    ref: env['BUILD_SOURCEBRANCH'] ?? null,
    commit: env['BUILD_SOURCEVERSION'] ?? null,
  };
}

function jenkins(env: Env): CiEnvironment | null {
  const url = env['JENKINS_URL'];
  if (url === undefined || url === '') return null;
  const branch = env['GIT_BRANCH']?.replace(/^origin\//, '');
  return {
    name: 'jenkins',
    builderId: `${url.replace(/\/$/, '')}/job/${(env['JOB_NAME'] ?? '').split('/').join('/job/')}`,
    invocationId: env['BUILD_URL'] ?? null,
    repository: env['GIT_URL'] ?? null,
    ref: branch === undefined ? null : `refs/heads/${branch}`,
    commit: env['GIT_COMMIT'] ?? null,
  };
}

function refFrom(tag: string | undefined, branch: string | undefined): string | null {
  if (tag !== undefined && tag !== '') return `refs/tags/${tag}`;
  if (branch !== undefined && branch !== '') return `refs/heads/${branch}`;
  return null;
}

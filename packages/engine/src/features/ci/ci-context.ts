import { detectCi, type CiEnvironment } from '../evidence/ci-environment.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The pull or merge request a CI run builds, as far as the CI tells. */
export interface CiPullRequest {
  readonly number: number | null;
  /** The branch it merges into (`main`), or null when the CI does not say. */
  readonly baseBranch: string | null;
  /** The title where the CI gives it in a variable (GitLab); see `pullRequestTitle` for GitHub. */
  readonly title: string | null;
}

/**
 * Who and what ran this CI job: for the ledger's actor, the deployment record and provenance.
 * Builds on the provenance's `CiEnvironment` (builder id, invocation, repository, ref, commit).
 */
export interface CiContext extends CiEnvironment {
  /** The CI's own id of this run (pipeline, build or workflow run). */
  readonly runId: string | null;
  /** A page of this run a person can open. */
  readonly runUrl: string | null;
  /** Who started the run, as the CI names them (login, or display name where that is all). */
  readonly actor: string | null;
  readonly pullRequest: CiPullRequest | null;
}

interface Extra {
  readonly runId: string | null;
  readonly runUrl: string | null;
  readonly actor: string | null;
  readonly pullRequest: CiPullRequest | null;
}

const extras: Readonly<Record<string, (env: Env, ci: CiEnvironment) => Extra>> = {
  'github-actions': github,
  'gitlab-ci': gitlab,
  buildkite,
  circleci,
  'azure-pipelines': azure,
  jenkins,
};

/** Detects the CI from its environment variables; outside CI every field but the name is null. */
export function detectCiContext(env: Env): CiContext {
  const ci = detectCi(env);
  const extra = extras[ci.name]?.(env, ci) ?? {
    runId: null,
    runUrl: null,
    actor: null,
    pullRequest: null,
  };
  return { ...ci, ...extra };
}

function value(env: Env, name: string): string | null {
  const text = env[name];
  return text === undefined || text === '' ? null : text;
}

function number(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text)) return null;
  return Number(text);
}

function branch(ref: string | null): string | null {
  return ref === null ? null : ref.replace(/^refs\/heads\//, '');
}

function github(env: Env): Extra {
  const server = value(env, 'GITHUB_SERVER_URL') ?? 'https://github.com';
  const repository = value(env, 'GITHUB_REPOSITORY');
  const runId = value(env, 'GITHUB_RUN_ID');
  const event = value(env, 'GITHUB_EVENT_NAME') ?? '';
  const isPull = event === 'pull_request' || event === 'pull_request_target';
  return {
    runId,
    runUrl:
      repository === null || runId === null
        ? null
        : `${server}/${repository}/actions/runs/${runId}`,
    actor: value(env, 'GITHUB_TRIGGERING_ACTOR') ?? value(env, 'GITHUB_ACTOR'),
    pullRequest: isPull
      ? {
          number: number(/^refs\/pull\/(\d+)\//.exec(value(env, 'GITHUB_REF') ?? '')?.[1] ?? null),
          baseBranch: value(env, 'GITHUB_BASE_REF'),
          title: null,
        }
      : null,
  };
}

function gitlab(env: Env): Extra {
  const iid = value(env, 'CI_MERGE_REQUEST_IID');
  return {
    runId: value(env, 'CI_PIPELINE_ID'),
    runUrl: value(env, 'CI_PIPELINE_URL'),
    actor: value(env, 'GITLAB_USER_LOGIN'),
    pullRequest:
      iid === null
        ? null
        : {
            number: number(iid),
            baseBranch: value(env, 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME'),
            title: value(env, 'CI_MERGE_REQUEST_TITLE'),
          },
  };
}

function buildkite(env: Env): Extra {
  const pull = value(env, 'BUILDKITE_PULL_REQUEST');
  return {
    runId: value(env, 'BUILDKITE_BUILD_ID'),
    runUrl: value(env, 'BUILDKITE_BUILD_URL'),
    actor: value(env, 'BUILDKITE_BUILD_CREATOR_EMAIL') ?? value(env, 'BUILDKITE_BUILD_CREATOR'),
    pullRequest:
      pull === null || pull === 'false'
        ? null
        : {
            number: number(pull),
            baseBranch: value(env, 'BUILDKITE_PULL_REQUEST_BASE_BRANCH'),
            title: null,
          },
  };
}

function circleci(env: Env): Extra {
  const pull = value(env, 'CIRCLE_PULL_REQUEST');
  return {
    runId: value(env, 'CIRCLE_WORKFLOW_ID') ?? value(env, 'CIRCLE_BUILD_NUM'),
    runUrl: value(env, 'CIRCLE_BUILD_URL'),
    actor: value(env, 'CIRCLE_USERNAME'),
    // CircleCI names the pull request by URL and does not tell its base branch.
    pullRequest:
      pull === null
        ? null
        : { number: number(/\/(\d+)\/?$/.exec(pull)?.[1] ?? null), baseBranch: null, title: null },
  };
}

function azure(env: Env, ci: CiEnvironment): Extra {
  const id =
    value(env, 'SYSTEM_PULLREQUEST_PULLREQUESTNUMBER') ??
    value(env, 'SYSTEM_PULLREQUEST_PULLREQUESTID');
  return {
    runId: value(env, 'BUILD_BUILDID'),
    runUrl: ci.invocationId,
    actor: value(env, 'BUILD_REQUESTEDFOREMAIL') ?? value(env, 'BUILD_REQUESTEDFOR'),
    pullRequest:
      id === null
        ? null
        : {
            number: number(id),
            baseBranch: branch(value(env, 'SYSTEM_PULLREQUEST_TARGETBRANCH')),
            title: null,
          },
  };
}

function jenkins(env: Env): Extra {
  const change = value(env, 'CHANGE_ID');
  return {
    runId: value(env, 'BUILD_TAG') ?? value(env, 'BUILD_NUMBER'),
    runUrl: value(env, 'BUILD_URL'),
    // The multibranch plugin names the change's author; the build-user plugin who started it.
    actor: value(env, 'BUILD_USER_ID') ?? value(env, 'CHANGE_AUTHOR'),
    pullRequest:
      change === null
        ? null
        : {
            number: number(change),
            baseBranch: value(env, 'CHANGE_TARGET'),
            title: value(env, 'CHANGE_TITLE'),
          },
  };
}

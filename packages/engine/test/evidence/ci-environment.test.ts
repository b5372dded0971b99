import { describe, expect, it } from 'vitest';
import { canonicalRepositoryUrl, detectCi, localBuilderId } from '@slipway/engine';

describe('detectCi', () => {
  it('reads GitHub Actions: workflow ref as builder, run attempt URL as invocation', () => {
    expect(
      detectCi({
        GITHUB_ACTIONS: 'true',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/demo',
        GITHUB_WORKFLOW_REF: 'acme/demo/.github/workflows/release.yml@refs/heads/main',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: 'abc',
      }),
    ).toEqual({
      name: 'github-actions',
      builderId: 'https://github.com/acme/demo/.github/workflows/release.yml@refs/heads/main',
      invocationId: 'https://github.com/acme/demo/actions/runs/42/attempts/2',
      repository: 'https://github.com/acme/demo',
      ref: 'refs/heads/main',
      commit: 'abc',
    });
  });

  it('reads GitLab CI, with a tag as the ref', () => {
    const ci = detectCi({
      GITLAB_CI: 'true',
      CI_SERVER_URL: 'https://gitlab.example',
      CI_PROJECT_PATH: 'acme/demo',
      CI_PROJECT_URL: 'https://gitlab.example/acme/demo',
      CI_COMMIT_SHA: 'abc',
      CI_COMMIT_TAG: 'v1.0.0',
      CI_JOB_URL: 'https://gitlab.example/acme/demo/-/jobs/7',
    });
    expect(ci).toMatchObject({
      name: 'gitlab-ci',
      builderId: 'https://gitlab.example/acme/demo/-/blob/abc/.gitlab-ci.yml',
      invocationId: 'https://gitlab.example/acme/demo/-/jobs/7',
      ref: 'refs/tags/v1.0.0',
    });
  });

  it.each([
    [
      {
        BUILDKITE: 'true',
        BUILDKITE_ORGANIZATION_SLUG: 'acme',
        BUILDKITE_PIPELINE_SLUG: 'demo',
        BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/demo/builds/3',
        BUILDKITE_JOB_ID: 'j1',
        BUILDKITE_BRANCH: 'main',
      },
      {
        name: 'buildkite',
        builderId: 'https://buildkite.com/acme/demo',
        invocationId: 'https://buildkite.com/acme/demo/builds/3#j1',
        ref: 'refs/heads/main',
      },
    ],
    [
      {
        CIRCLECI: 'true',
        CIRCLE_PROJECT_USERNAME: 'acme',
        CIRCLE_PROJECT_REPONAME: 'demo',
        CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/demo/9',
        CIRCLE_SHA1: 'abc',
      },
      {
        name: 'circleci',
        builderId: 'https://app.circleci.com/pipelines/acme/demo',
        invocationId: 'https://circleci.com/gh/acme/demo/9',
        commit: 'abc',
      },
    ],
    [
      {
        TF_BUILD: 'True',
        SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/',
        SYSTEM_TEAMPROJECT: 'demo',
        SYSTEM_DEFINITIONID: '5',
        BUILD_BUILDID: '77',
        BUILD_SOURCEBRANCH: 'refs/heads/main',
      },
      {
        name: 'azure-pipelines',
        builderId: 'https://dev.azure.com/acme/demo/_build?definitionId=5',
        invocationId: 'https://dev.azure.com/acme/demo/_build/results?buildId=77',
      },
    ],
    [
      {
        JENKINS_URL: 'https://ci.acme/',
        JOB_NAME: 'team/demo',
        BUILD_URL: 'https://ci.acme/job/team/job/demo/4/',
        GIT_BRANCH: 'origin/main',
      },
      {
        name: 'jenkins',
        builderId: 'https://ci.acme/job/team/job/demo',
        invocationId: 'https://ci.acme/job/team/job/demo/4/',
        ref: 'refs/heads/main',
      },
    ],
  ])('reads %o', (env, expected) => {
    expect(detectCi(env)).toMatchObject(expected);
  });

  it('falls back to local, with no invocation id from the environment', () => {
    expect(detectCi({ PATH: '/usr/bin' })).toEqual({
      name: 'local',
      builderId: localBuilderId,
      invocationId: null,
      repository: null,
      ref: null,
      commit: null,
    });
  });
});

describe('canonicalRepositoryUrl', () => {
  it.each([
    ['git@github.com:acme/demo.git', 'https://github.com/acme/demo'],
    ['https://token@github.com/acme/demo.git', 'https://github.com/acme/demo'],
    ['ssh://git@gitlab.example/acme/demo.git', 'https://gitlab.example/acme/demo'],
    ['https://github.com/acme/demo/', 'https://github.com/acme/demo'],
  ])('%s → %s', (remote, url) => {
    expect(canonicalRepositoryUrl(remote)).toBe(url);
  });
});

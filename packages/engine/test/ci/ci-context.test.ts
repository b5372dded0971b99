import { describe, expect, it } from 'vitest';
import { detectCiContext } from '../../src/features/ci/index.js';

describe('detectCiContext', () => {
  it('reads a GitHub Actions pull request run', () => {
    expect(
      detectCiContext({
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: 'acme/demo',
        GITHUB_RUN_ID: '42',
        GITHUB_ACTOR: 'octocat',
        GITHUB_TRIGGERING_ACTOR: 'hubot',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/17/merge',
        GITHUB_BASE_REF: 'main',
        GITHUB_SHA: 'abc',
      }),
    ).toMatchObject({
      name: 'github-actions',
      runId: '42',
      runUrl: 'https://github.com/acme/demo/actions/runs/42',
      actor: 'hubot',
      commit: 'abc',
      ref: 'refs/pull/17/merge',
      pullRequest: { number: 17, baseBranch: 'main' },
    });
  });

  it('reads a GitHub Actions push without a pull request', () => {
    const ci = detectCiContext({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_ACTOR: 'octocat',
    });
    expect(ci).toMatchObject({ actor: 'octocat', runUrl: null, pullRequest: null });
  });

  it.each([
    [
      'GitLab CI merge request',
      {
        GITLAB_CI: 'true',
        CI_PIPELINE_ID: '900',
        CI_PIPELINE_URL: 'https://gitlab.example/acme/demo/-/pipelines/900',
        GITLAB_USER_LOGIN: 'alice',
        CI_COMMIT_SHA: 'def',
        CI_COMMIT_REF_NAME: 'feature',
        CI_MERGE_REQUEST_IID: '5',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_MERGE_REQUEST_TITLE: 'feat: x',
      },
      {
        name: 'gitlab-ci',
        runId: '900',
        runUrl: 'https://gitlab.example/acme/demo/-/pipelines/900',
        actor: 'alice',
        commit: 'def',
        ref: 'refs/heads/feature',
        pullRequest: { number: 5, baseBranch: 'main', title: 'feat: x' },
      },
    ],
    [
      'Buildkite pull request',
      {
        BUILDKITE: 'true',
        BUILDKITE_BUILD_ID: 'b-1',
        BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/demo/builds/3',
        BUILDKITE_BUILD_CREATOR_EMAIL: 'bob@example.com',
        BUILDKITE_COMMIT: 'c1',
        BUILDKITE_BRANCH: 'feature',
        BUILDKITE_PULL_REQUEST: '12',
        BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'main',
      },
      {
        name: 'buildkite',
        runId: 'b-1',
        runUrl: 'https://buildkite.com/acme/demo/builds/3',
        actor: 'bob@example.com',
        commit: 'c1',
        ref: 'refs/heads/feature',
        pullRequest: { number: 12, baseBranch: 'main' },
      },
    ],
    [
      'Buildkite branch build',
      { BUILDKITE: 'true', BUILDKITE_PULL_REQUEST: 'false', BUILDKITE_BUILD_CREATOR: 'Bob' },
      { actor: 'Bob', pullRequest: null },
    ],
    [
      'CircleCI pull request',
      {
        CIRCLECI: 'true',
        CIRCLE_WORKFLOW_ID: 'wf-1',
        CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/demo/77',
        CIRCLE_USERNAME: 'carol',
        CIRCLE_SHA1: 'c2',
        CIRCLE_BRANCH: 'feature',
        CIRCLE_PULL_REQUEST: 'https://github.com/acme/demo/pull/9',
      },
      {
        name: 'circleci',
        runId: 'wf-1',
        runUrl: 'https://circleci.com/gh/acme/demo/77',
        actor: 'carol',
        commit: 'c2',
        pullRequest: { number: 9, baseBranch: null },
      },
    ],
    [
      'Azure Pipelines pull request',
      {
        TF_BUILD: 'True',
        SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/',
        SYSTEM_TEAMPROJECT: 'demo',
        BUILD_BUILDID: '321',
        BUILD_REQUESTEDFOREMAIL: 'dave@example.com',
        BUILD_SOURCEVERSION: 'c3',
        BUILD_SOURCEBRANCH: 'refs/pull/4/merge',
        SYSTEM_PULLREQUEST_PULLREQUESTID: '4',
        SYSTEM_PULLREQUEST_TARGETBRANCH: 'refs/heads/main',
      },
      {
        name: 'azure-pipelines',
        runId: '321',
        runUrl: 'https://dev.azure.com/acme/demo/_build/results?buildId=321',
        actor: 'dave@example.com',
        commit: 'c3',
        pullRequest: { number: 4, baseBranch: 'main' },
      },
    ],
    [
      'Jenkins multibranch change',
      {
        JENKINS_URL: 'https://ci.example/',
        BUILD_TAG: 'jenkins-demo-PR-3-1',
        BUILD_URL: 'https://ci.example/job/demo/job/PR-3/1/',
        CHANGE_ID: '3',
        CHANGE_TARGET: 'main',
        CHANGE_AUTHOR: 'erin',
        GIT_COMMIT: 'c4',
      },
      {
        name: 'jenkins',
        runId: 'jenkins-demo-PR-3-1',
        runUrl: 'https://ci.example/job/demo/job/PR-3/1/',
        actor: 'erin',
        commit: 'c4',
        pullRequest: { number: 3, baseBranch: 'main' },
      },
    ],
  ])('reads %s', (_name, env: Record<string, string>, expected) => {
    expect(detectCiContext(env)).toMatchObject(expected);
  });

  it('outside CI names the run local and knows nothing else', () => {
    expect(detectCiContext({ HOME: '/root' })).toMatchObject({
      name: 'local',
      runId: null,
      runUrl: null,
      actor: null,
      commit: null,
      pullRequest: null,
    });
  });
});

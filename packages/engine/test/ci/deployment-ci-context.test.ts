import { describe, expect, it } from 'vitest';
import {
  checkDeploymentCiContext,
  ciEventPayload,
  deploymentCiContext,
  detectCiContext,
} from '../../src/features/ci/index.js';

const sha = '0123456789abcdef0123456789abcdef01234567';

describe('the CI context of a deploy or promote request', () => {
  it('carries a GitLab pipeline job: provider, builder, run, actor, commit and ref', () => {
    const ci = deploymentCiContext(
      detectCiContext({
        GITLAB_CI: 'true',
        CI_SERVER_URL: 'https://gitlab.example.com',
        CI_PROJECT_PATH: 'acme/shop',
        CI_PIPELINE_ID: '991',
        CI_PIPELINE_URL: 'https://gitlab.example.com/acme/shop/-/pipelines/991',
        CI_JOB_URL: 'https://gitlab.example.com/acme/shop/-/jobs/5',
        GITLAB_USER_LOGIN: 'alice',
        CI_COMMIT_SHA: sha,
        CI_COMMIT_REF_NAME: 'main',
      }),
    );
    expect(ci).toMatchObject({ provider: 'gitlab-ci', actor: 'alice', commit: sha });
    expect(ci?.runUrl).toMatch(/^https:\/\/gitlab\.example\.com\/acme\/shop\/-\//);
    expect(ci?.builderId).not.toBe('');
    // What the server receives is what the client sent, checked field by field.
    const sent = JSON.parse(JSON.stringify(ci)) as unknown;
    expect(checkDeploymentCiContext(sent)).toEqual(ci);
    expect(ciEventPayload(checkDeploymentCiContext(sent))).toEqual({ ci });
  });

  it('is absent outside CI', () => {
    expect(deploymentCiContext(detectCiContext({}))).toBeNull();
  });

  it.each([
    [null, 'ci is not an object'],
    [{ builderId: 'b' }, 'ci.provider is missing'],
    [
      { provider: 'GitHub Actions', builderId: 'b' },
      'ci.provider "GitHub Actions" is not a CI provider name',
    ],
    [
      { provider: 'jenkins', builderId: 'b', runUrl: 'javascript:alert(1)' },
      'ci.runUrl "javascript:alert(1)" is not an http(s) URL',
    ],
    [
      { provider: 'jenkins', builderId: 'b', commit: 'main' },
      'ci.commit "main" is not a commit SHA',
    ],
    [
      { provider: 'jenkins', builderId: 'b', actor: 'x'.repeat(3000) },
      'ci.actor must be a non-empty string of at most 2048 characters',
    ],
    [
      { provider: 'jenkins', builderId: 'b', token: 's3cret' },
      'ci.token is not a CI context field',
    ],
  ])('refuses %j naming the field', (input, message) => {
    expect(() => checkDeploymentCiContext(input)).toThrow(
      expect.objectContaining({ code: 'USAGE', message }) as Error,
    );
  });
});

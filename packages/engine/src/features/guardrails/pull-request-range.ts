import { SlipwayError } from '@slipway/core';
import { CliGit } from '../../adapters/git/cli-git.js';
import { CliGuardrailGit } from '../../adapters/git/cli-guardrail-git.js';
import type { GuardrailGitPort } from '../../adapters/git/guardrail-git-port.js';
import { loadConfig } from '../../config/load-config.js';
import type { ForgeChangeRequestRange } from '../ci/forge-enrichment/change-request.js';
import { enrichmentSource, type EnrichmentSource } from '../ci/forge-enrichment/enrich-release.js';

/** What `slipway check --pr` checks: the forge's base branch and head commit, and the title. */
export interface PullRequestCheckRange {
  readonly base: string;
  readonly head: string;
  readonly pullRequestTitle: string;
  readonly pullRequest: ForgeChangeRequestRange;
}

/**
 * The range of pull (merge) request `number` as the forge reports it. The head commit must be
 * in the clone: the forge names it, git must have it to read signatures and dates.
 */
export async function pullRequestRange(
  number: number,
  source: EnrichmentSource,
  guardrailGit: GuardrailGitPort,
): Promise<PullRequestCheckRange> {
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new SlipwayError(
      'USAGE',
      `--pr ${JSON.stringify(String(number))}: expected a pull request number`,
      {
        subject: '--pr',
      },
    );
  }
  if (source.kind === null) {
    throw new SlipwayError('USAGE', `--pr ${number} needs the forge: ${source.note}`, {
      subject: '--pr',
      hint: 'Set GITHUB_TOKEN (GitHub) or GITLAB_TOKEN (GitLab; a CI job token cannot read merge requests), or check a range: slipway check main..feature.',
    });
  }
  const pullRequest = await source.port.changeRequestRange(number);
  const sigil = source.kind === 'gitlab' ? '!' : '#';
  if (pullRequest.baseRef === '' || pullRequest.headSha === '') {
    throw new SlipwayError(
      'FORGE_FAILED',
      `pull request ${sigil}${number}: the forge did not give its base branch and head commit`,
      { subject: '--pr' },
    );
  }
  if ((await guardrailGit.resolveCommit(pullRequest.headSha)) === null) {
    const ref = source.kind === 'gitlab' ? `merge-requests/${number}/head` : `pull/${number}/head`;
    throw new SlipwayError(
      'GIT_FAILED',
      `pull request ${sigil}${number}: its head ${pullRequest.headSha.slice(0, 12)} (${pullRequest.headRef}) is not in this clone`,
      { subject: pullRequest.headSha, hint: `Fetch it: git fetch origin ${ref}` },
    );
  }
  return {
    base: pullRequest.baseRef,
    head: pullRequest.headSha,
    pullRequestTitle: pullRequest.title,
    pullRequest,
  };
}

/** `pullRequestRange` for the project in `dir`: its release remote, `[links] forge`, real git. */
export async function pullRequestRangeFor(
  dir: string,
  number: number,
  env: NodeJS.ProcessEnv,
): Promise<PullRequestCheckRange> {
  const { config } = await loadConfig(dir);
  const remoteUrl =
    config.links.repositoryUrl ?? (await new CliGit({ cwd: dir }).remoteUrl(config.release.remote));
  const source = enrichmentSource({
    remoteUrl,
    ...(config.links.forge === undefined ? {} : { forge: config.links.forge }),
    env,
  });
  return pullRequestRange(number, source, new CliGuardrailGit({ cwd: dir }));
}

import { describe, expect, it } from 'vitest';
import { FakeGit, FakeGuardrailGit } from '../../src/adapters/git/index.js';
import { checkConfig } from '../../src/config/index.js';
import { GuardrailCheckService } from '../../src/features/guardrails/index.js';

function graph() {
  const git = new FakeGit();
  git.commit('chore: init', { time: 1000 });
  git.branch('feature');
  const good = git.commit('feat: signed by an allowed key', { time: 2000 });
  const stranger = git.commit('fix: signed by a stranger', { time: 3000 });
  return { git, good, stranger };
}

describe('GuardrailCheckService over fakes', () => {
  it('passes the configured trust paths to the port, resolved against the project', async () => {
    const { git, good, stranger } = graph();
    const guardrailGit = new FakeGuardrailGit(git);
    guardrailGit.signaturesBySha.set(good, {
      status: 'G',
      signer: 'Alice',
      key: 'K1',
      allowed: true,
    });
    guardrailGit.signaturesBySha.set(stranger, {
      status: 'E',
      signer: '',
      key: 'K9',
      allowed: false,
    });
    const config = checkConfig({
      signed: true,
      'gpg-home': 'keys/gnupg',
      'allowed-signers': '/etc/signers',
    });
    const service = new GuardrailCheckService(git, guardrailGit, config, '/project');
    const report = await service.check({ only: ['signed'] });
    expect(guardrailGit.trustSeen).toEqual([
      { gpgHome: '/project/keys/gnupg', allowedSigners: '/etc/signers' },
    ]);
    expect(report.findings.map((finding) => [finding.commit, finding.message])).toEqual([
      [
        stranger,
        `${stranger.slice(0, 7)} is signed by a key that is not in the allowed keyring (key K9)`,
      ],
    ]);
  });

  it('leaves out merges and release commits when listing unported release fixes', async () => {
    const git = new FakeGit();
    git.commit('chore: init', { time: 1000 });
    git.branch('release/2.x');
    const fix = git.commit('fix: only here', { time: 2000 });
    const release = git.commit('chore(release): 2.0.1', { time: 3000 });
    git.checkout('main');
    const guardrailGit = new FakeGuardrailGit(git, [
      'main',
      'release/2.x',
      'origin/release/2.x',
      'topic',
    ]);
    guardrailGit.unportedByBranch.set('release/2.x', [fix, release]);
    const config = checkConfig({ conventional: false, 'release-branches': ['release/*'] });
    const report = await new GuardrailCheckService(git, guardrailGit, config, '/p').check({
      now: new Date(4000_000),
    });
    expect(
      report.findings.map((finding) => [finding.rule, finding.branch, finding.commit]),
    ).toEqual([['release-fixes', 'release/2.x', fix]]);
  });
});

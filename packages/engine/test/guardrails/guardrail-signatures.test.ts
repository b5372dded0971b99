import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanupTempDirs,
  createGitRepo,
  makeTempDir,
  runGitSync,
  type GitRepo,
} from '@slipway/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardrailCheckServiceFor } from '../../src/features/guardrails/index.js';
import {
  generateGpgKey,
  generateSshKey,
  gpgKeyring,
  stopGpgAgents,
  writeAllowedSigners,
  type GpgKey,
  type SshKey,
} from './signing-keys.js';

let alice: GpgKey;
let mallory: GpgKey;
let bob: SshKey;
let eve: SshKey;
let keyDir: string;

beforeAll(() => {
  keyDir = makeTempDir('slipway-ssh-').path;
  alice = generateGpgKey('Alice', 'alice@example.com');
  mallory = generateGpgKey('Mallory', 'mallory@example.com');
  bob = generateSshKey(keyDir, 'bob');
  eve = generateSshKey(keyDir, 'eve');
});

afterAll(() => {
  stopGpgAgents();
  cleanupTempDirs();
});

function gpgCommit(repo: GitRepo, key: GpgKey, message: string): void {
  runGitSync(
    repo.dir,
    [
      '-c',
      `user.signingkey=${key.fingerprint}`,
      'commit',
      '-q',
      '--allow-empty',
      '-S',
      '-m',
      message,
    ],
    { env: { GNUPGHOME: key.home } },
  );
}

function sshCommit(repo: GitRepo, key: SshKey, message: string): void {
  runGitSync(repo.dir, [
    '-c',
    'gpg.format=ssh',
    '-c',
    `user.signingkey=${key.privateKeyPath}`,
    'commit',
    '-q',
    '--allow-empty',
    '-S',
    '-m',
    message,
  ]);
}

describe('signed commits with allowed signers (real GPG and SSH keys)', () => {
  it('accepts allowed GPG and SSH signers and names every other commit with why', async () => {
    const repo = createGitRepo([{ commit: 'chore: init' }, { branch: 'feature' }]);
    gpgCommit(repo, alice, 'feat: by alice');
    gpgCommit(repo, mallory, 'feat: by mallory');
    sshCommit(repo, bob, 'feat: by bob');
    sshCommit(repo, eve, 'feat: by eve');
    repo.git(['commit', '-q', '--allow-empty', '-m', 'feat: unsigned']);
    const keyring = gpgKeyring([alice]);
    const allowedSigners = join(repo.dir, 'allowed_signers');
    writeAllowedSigners(allowedSigners, { 'bob@example.com': bob });
    writeFileSync(
      join(repo.dir, 'slipway.toml'),
      `[check]\nconventional = false\nsigned = true\ngpg-home = ${JSON.stringify(keyring)}\nallowed-signers = "allowed_signers"\n`,
    );

    const report = await (await createGuardrailCheckServiceFor(repo.dir)).check();
    const sha = (rev: string): string => repo.git(['rev-parse', rev]).slice(0, 7);
    expect(report.rules).toEqual(['signed']);
    expect(report.commits).toBe(5);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `${sha('HEAD')} is not signed`,
      expect.stringMatching(
        new RegExp(
          `^${sha('HEAD~1')} is signed by a key that is not an allowed signer \\(key SHA256:`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${sha('HEAD~3')} is signed by a key that is not in the allowed keyring \\(key [0-9A-F]{16}\\)$`,
        ),
      ),
    ]);
    expect(report.passed).toBe(false);
  });

  it('passes a range signed only by allowed signers', async () => {
    const repo = createGitRepo([{ commit: 'chore: init' }, { branch: 'feature' }]);
    gpgCommit(repo, alice, 'feat: by alice');
    sshCommit(repo, bob, 'fix: by bob');
    writeAllowedSigners(join(repo.dir, 'signers'), { 'bob@example.com': bob });
    writeFileSync(
      join(repo.dir, 'slipway.toml'),
      `[check]\nsigned = true\ngpg-home = ${JSON.stringify(gpgKeyring([alice]))}\nallowed-signers = "signers"\n`,
    );
    const report = await (await createGuardrailCheckServiceFor(repo.dir)).check();
    expect(report).toMatchObject({ rules: ['conventional', 'signed'], findings: [], passed: true });
  });
});

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '@slipway/test-utils';

/** A real GPG key in its own GnuPG home, made for one test run. */
export interface GpgKey {
  readonly home: string;
  readonly fingerprint: string;
  readonly email: string;
  /** The public key, armoured. */
  readonly publicKey: string;
}

const gpgDirs: TempDir[] = [];

function gpg(home: string, args: readonly string[], input?: string): string {
  return execFileSync('gpg', ['--batch', '--homedir', home, ...args], {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** An unprotected Ed25519 signing key (no passphrase: tests cannot type one). */
export function generateGpgKey(name: string, email: string): GpgKey {
  const dir = makeTempDir('slipway-gpg-');
  gpgDirs.push(dir);
  const params = [
    '%no-protection',
    'Key-Type: EDDSA',
    'Key-Curve: ed25519',
    'Key-Usage: sign',
    `Name-Real: ${name}`,
    `Name-Email: ${email}`,
    'Expire-Date: 0',
    '%commit',
    '',
  ].join('\n');
  gpg(dir.path, ['--gen-key'], params);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(
    gpg(dir.path, ['--with-colons', '--list-secret-keys']),
  )?.[1];
  if (fingerprint === undefined) throw new Error('gpg made no key');
  return {
    home: dir.path,
    fingerprint,
    email,
    publicKey: gpg(dir.path, ['--armor', '--export', fingerprint]),
  };
}

/** A GnuPG home holding only the given public keys: the allowed signers. */
export function gpgKeyring(keys: readonly GpgKey[]): string {
  const dir = makeTempDir('slipway-keyring-');
  gpgDirs.push(dir);
  for (const key of keys) gpg(dir.path, ['--import'], key.publicKey);
  return dir.path;
}

/** Stops the gpg-agents the tests started (one per GnuPG home). */
export function stopGpgAgents(): void {
  for (const dir of gpgDirs.splice(0)) {
    try {
      execFileSync('gpgconf', ['--homedir', dir.path, '--kill', 'gpg-agent'], { stdio: 'ignore' });
    } catch {
      // No agent ran for this home.
    }
    dir.cleanup();
  }
}

/** A real Ed25519 SSH key pair made for one test run. */
export interface SshKey {
  readonly privateKeyPath: string;
  readonly publicKey: string;
}

export function generateSshKey(dir: string, name: string): SshKey {
  const privateKeyPath = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', privateKeyPath]);
  return {
    privateKeyPath,
    publicKey: execFileSync('ssh-keygen', ['-y', '-f', privateKeyPath], {
      encoding: 'utf8',
    }).trim(),
  };
}

/** An allowed-signers file (`principal namespaces="git" key`) for the given keys. */
export function writeAllowedSigners(path: string, signers: Readonly<Record<string, SshKey>>): void {
  const lines = Object.entries(signers).map(
    ([principal, key]) => `${principal} namespaces="git" ${key.publicKey}\n`,
  );
  writeFileSync(path, lines.join(''));
}

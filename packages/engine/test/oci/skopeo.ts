import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sha256Digest } from '../../src/adapters/oci/index.js';

// Asynchronous on purpose: the token server of the test runs in this process and must answer
// skopeo while it waits.
const run = promisify(execFile);

export interface SkopeoCreds {
  readonly username: string;
  readonly password: string;
}

/** `skopeo inspect --raw` of a docker:// reference: the manifest bytes another client sees. */
export async function skopeoRawManifest(reference: string, creds?: SkopeoCreds): Promise<Buffer> {
  const args = ['inspect', '--raw', '--tls-verify=false'];
  if (creds !== undefined) args.push('--creds', `${creds.username}:${creds.password}`);
  else args.push('--no-creds');
  const { stdout } = await run('skopeo', [...args, `docker://${reference}`], {
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

export async function skopeoDigest(reference: string, creds?: SkopeoCreds): Promise<string> {
  return sha256Digest(await skopeoRawManifest(reference, creds));
}

/** skopeo copies an OCI layout into a registry, as a CI pipeline would. */
export async function skopeoCopyLayout(
  layoutDir: string,
  tag: string,
  destination: string,
  creds?: SkopeoCreds,
): Promise<void> {
  const args = [
    '--insecure-policy',
    'copy',
    '--all',
    '--preserve-digests',
    '--dest-tls-verify=false',
  ];
  if (creds !== undefined) args.push('--dest-creds', `${creds.username}:${creds.password}`);
  await run('skopeo', [...args, `oci:${layoutDir}:${tag}`, `docker://${destination}`]);
}

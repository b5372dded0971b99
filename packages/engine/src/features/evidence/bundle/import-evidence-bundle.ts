import type { KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';
import type { BundleVerification } from './verify-evidence-bundle.js';
import { verifyEvidenceBundle } from './verify-evidence-bundle.js';

export interface ImportResult {
  readonly verification: BundleVerification;
  /** Where the bundle now lives; null when verification failed and nothing was copied. */
  readonly storedAt: string | null;
}

/**
 * Verifies a bundle and, only if it verifies, copies it to `<store>/<service>/<version>/`.
 * Importing the same bundle twice is a no-op; a different one for the same release is refused.
 */
export function importEvidenceBundle(
  dir: string,
  storeDir: string,
  publicKey: KeyObject,
): ImportResult {
  const verification = verifyEvidenceBundle(dir, publicKey);
  if (!verification.ok || verification.manifest === null) return { verification, storedAt: null };
  const { service, version } = verification.manifest;
  if (!/^[A-Za-z0-9][\w.-]*$/.test(service) || !/^[A-Za-z0-9][\w.+-]*$/.test(version)) {
    throw new SlipwayError(
      'USAGE',
      `service ${service} or version ${version} is not usable as a directory name`,
    );
  }
  const target = join(storeDir, service, version);
  const incoming = readFileSync(join(dir, 'manifest.json'), 'utf8');
  if (existsSync(join(target, 'manifest.json'))) {
    if (readFileSync(join(target, 'manifest.json'), 'utf8') === incoming)
      return { verification, storedAt: target };
    throw new SlipwayError(
      'CONFLICT',
      `${target} holds another evidence bundle for ${service} ${version}`,
      {
        subject: target,
      },
    );
  }
  // Only what the manifest names (and the reports): a bundle cannot smuggle other files in.
  mkdirSync(join(target, 'blobs', 'sha256'), { recursive: true });
  for (const item of verification.manifest.items)
    copyFileSync(join(dir, item.path), join(target, item.path));
  for (const report of ['report.md', 'report.html']) {
    if (existsSync(join(dir, report))) copyFileSync(join(dir, report), join(target, report));
  }
  copyFileSync(join(dir, 'manifest.json'), join(target, 'manifest.json'));
  return { verification, storedAt: target };
}

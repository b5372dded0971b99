import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isSlipwayError } from '@slipway/core';
import type { ControlPlane } from '../../src/index.js';

export const as = (actor: string) => ({ actor });

/** A clock the test moves by hand. */
export function manualClock(start: string): { now: () => Date; advance: (hours: number) => void } {
  let time = Date.parse(start);
  return {
    now: () => new Date((time += 1)),
    advance: (hours) => {
      time += hours * 3_600_000;
    },
  };
}

export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isSlipwayError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

/** Registers and uploads one artifact, then records a release of it (by `ci`). */
export async function release(
  plane: ControlPlane,
  service: string,
  version: string,
): Promise<string> {
  const bytes = Buffer.from(`${service} ${version}`);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const ci = as('ci');
  await plane.registerArtifact(
    { digest, name: `${service}-${version}.tar.gz`, kind: 'file', size: bytes.length, service },
    ci,
  );
  await plane.uploadArtifact(digest, Readable.from([bytes]), ci);
  await plane.createRelease(
    {
      service,
      version,
      artifacts: [digest],
      rollForward: { reason: 'first release', steps: ['fix forward'] },
    },
    ci,
  );
  return digest;
}

/** dev and staging, by a releaser: what reaches prod has been there first. */
export async function throughStaging(
  plane: ControlPlane,
  service: string,
  version: string,
): Promise<void> {
  await plane.deploy({ service, environment: 'dev', ref: version }, as('rita'));
  await plane.promote({ service, from: 'dev', to: 'staging' }, as('rita'));
}

export const evidence = ['tests', 'security-scan', 'provenance', 'sbom'];

/** The request id named in an APPROVAL_REQUIRED message. */
export function requestIdOf(message: string): string {
  const match = /change request ([0-9a-f-]{36})/.exec(message);
  if (match?.[1] === undefined) throw new Error(`no change request in: ${message}`);
  return match[1];
}

/** Through staging with passing tests; the promotion to prod is held: its change request id. */
export async function heldForProd(
  plane: ControlPlane,
  service: string,
  version: string,
): Promise<string> {
  await throughStaging(plane, service, version);
  await plane.addCheckResult({ service, ref: version, name: 'tests', status: 'passed' }, as('ci'));
  const held = await failure(plane.promote({ service, from: 'staging', to: 'prod' }, as('rita')));
  if (held.code !== 'APPROVAL_REQUIRED') throw new Error(`not held: ${held.message}`);
  return requestIdOf(held.message);
}

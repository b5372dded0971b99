import type { JsonValue } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { DeploymentCiContext } from '../deployments/deployment-record.js';
import type { CiContext } from './ci-context.js';

/** The CI run as a deploy or promote request carries it; null outside CI (a person's machine). */
export function deploymentCiContext(ci: CiContext): DeploymentCiContext | null {
  if (ci.name === 'local') return null;
  return {
    provider: ci.name,
    builderId: ci.builderId,
    runId: ci.runId,
    runUrl: ci.runUrl ?? ci.invocationId,
    actor: ci.actor,
    commit: ci.commit,
    ref: ci.ref,
  };
}

const maxLength = 2048;
const optionalFields = ['runId', 'runUrl', 'actor', 'commit', 'ref'] as const;

/**
 * A request's `ci` field checked: strings of bounded length, URLs over http(s), a commit in
 * hex. The CI context is told by the caller, so it is recorded as told, never trusted for access.
 */
export function checkDeploymentCiContext(input: unknown): DeploymentCiContext {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('ci', 'is not an object');
  }
  const record = input as Record<string, unknown>;
  const text = (field: string, value: unknown, nullable: boolean): string | null => {
    if (value === null || value === undefined) {
      if (nullable) return null;
      throw invalid(`ci.${field}`, 'is missing');
    }
    if (typeof value !== 'string' || value === '' || value.length > maxLength) {
      throw invalid(`ci.${field}`, `must be a non-empty string of at most ${maxLength} characters`);
    }
    return value;
  };
  const provider = text('provider', record['provider'], false) ?? '';
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(provider)) {
    throw invalid('ci.provider', `${JSON.stringify(provider)} is not a CI provider name`);
  }
  const builderId = text('builderId', record['builderId'], false) ?? '';
  const rest = Object.fromEntries(
    optionalFields.map((field) => [field, text(field, record[field], true)]),
  ) as Record<(typeof optionalFields)[number], string | null>;
  if (rest.runUrl !== null && !/^https?:\/\//.test(rest.runUrl)) {
    throw invalid('ci.runUrl', `${JSON.stringify(rest.runUrl)} is not an http(s) URL`);
  }
  if (rest.commit !== null && !/^[0-9a-f]{7,64}$/i.test(rest.commit)) {
    throw invalid('ci.commit', `${JSON.stringify(rest.commit)} is not a commit SHA`);
  }
  const unknown = Object.keys(record).filter(
    (key) =>
      key !== 'provider' &&
      key !== 'builderId' &&
      !(optionalFields as readonly string[]).includes(key),
  );
  if (unknown.length > 0) throw invalid(`ci.${unknown[0] ?? ''}`, 'is not a CI context field');
  return { provider, builderId, ...rest };
}

/** The `ci` part of a deployment's ledger event payload. */
export function ciEventPayload(ci: DeploymentCiContext): Record<string, JsonValue> {
  return {
    ci: {
      provider: ci.provider,
      builderId: ci.builderId,
      runId: ci.runId,
      runUrl: ci.runUrl,
      actor: ci.actor,
      commit: ci.commit,
      ref: ci.ref,
    },
  };
}

function invalid(field: string, problem: string): SlipwayError {
  return new SlipwayError('USAGE', `${field} ${problem}`, { subject: field });
}

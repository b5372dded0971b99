import { delimiter } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ActOptions } from '../../control-plane/control-plane.js';
import type { HttpCall } from '../../control-plane/http-control-plane-transport.js';
import { pathOf } from '../../control-plane/http-control-plane-transport.js';
import type { EvidenceCheck } from '../bundle/evidence-check-results.js';
import { readPublicKey } from '../signing/signing-keys.js';
import type { StoredEvidence } from './evidence-store.js';
import type { EvidenceService } from './evidence-service.js';

/** The answer to an upload: what was stored, and the checks the verified bundle answers. */
export interface EvidenceUpload {
  readonly evidence: StoredEvidence;
  readonly checks: readonly EvidenceCheck[];
}

/**
 * The server's evidence store, the same embedded and over HTTP:
 * `POST /api/releases/:service/:version/evidence` (the tar bundle as application/octet-stream;
 * `checks.record`), `GET …/evidence` (what is stored) and `GET …/evidence/bundle` (with the
 * bytes, base64; `catalog.read`).
 */
export interface EvidencePlane {
  uploadEvidence(
    service: string,
    version: string,
    bundle: Buffer,
    options: ActOptions,
  ): Promise<EvidenceUpload>;
  getEvidence(service: string, version: string): Promise<StoredEvidence>;
  downloadEvidence(service: string, version: string): Promise<Buffer>;
}

export class EmbeddedEvidencePlane implements EvidencePlane {
  readonly #service: EvidenceService;

  constructor(service: EvidenceService) {
    this.#service = service;
  }

  async uploadEvidence(
    service: string,
    version: string,
    bundle: Buffer,
    options: ActOptions,
  ): Promise<EvidenceUpload> {
    const verdict = await this.#service.uploadBundle(service, version, bundle, options.actor);
    return { evidence: verdict.evidence, checks: verdict.checks };
  }

  getEvidence(service: string, version: string): Promise<StoredEvidence> {
    return this.#service.getEvidence(service, version);
  }

  async downloadEvidence(service: string, version: string): Promise<Buffer> {
    return (await this.#service.getBundle(service, version)).content;
  }
}

type Call = <T>(call: HttpCall) => Promise<T>;

export function evidencePath(service: string, version: string): string {
  return `${pathOf('/api/releases', service, version)}/evidence`;
}

export class HttpEvidencePlane implements EvidencePlane {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  uploadEvidence(
    service: string,
    version: string,
    bundle: Buffer,
    options: ActOptions,
  ): Promise<EvidenceUpload> {
    return this.#call({
      method: 'POST',
      path: evidencePath(service, version),
      stream: Readable.from([bundle]),
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
  }

  getEvidence(service: string, version: string): Promise<StoredEvidence> {
    return this.#call({ method: 'GET', path: evidencePath(service, version) });
  }

  async downloadEvidence(service: string, version: string): Promise<Buffer> {
    const answer = await this.#call<{ content: string }>({
      method: 'GET',
      path: `${evidencePath(service, version)}/bundle`,
    });
    return Buffer.from(answer.content, 'base64');
  }
}

export const evidenceKeysVariable = 'SLIPWAY_EVIDENCE_KEYS';

/**
 * The public keys (PEM files, separated like PATH) whose evidence the server accepts, from
 * `SLIPWAY_EVIDENCE_KEYS`; none when unset. A file that cannot be read as a public key is refused, naming it.
 */
export function evidenceKeysFromEnv(env: NodeJS.ProcessEnv): KeyObject[] {
  const text = env[evidenceKeysVariable];
  if (text === undefined || text.trim() === '') return [];
  return text
    .split(delimiter)
    .filter((path) => path.trim() !== '')
    .map((path) => readPublicKey(path.trim()));
}

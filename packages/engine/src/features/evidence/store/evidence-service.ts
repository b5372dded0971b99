import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';
import type { LedgerEventInput } from '../../ledger/ledger-event.js';
import type { ReleaseRecord } from '../../registry/release-record.js';
import { evidenceCheckResults } from '../bundle/evidence-check-results.js';
import type { EvidenceCheck } from '../bundle/evidence-check-results.js';
import { openEvidenceBundle } from '../bundle/open-evidence-bundle.js';
import { verifyEvidenceBundle } from '../bundle/verify-evidence-bundle.js';
import type { BundleVerification } from '../bundle/verify-evidence-bundle.js';
import { keyIdOf } from '../signing/signing-keys.js';
import type { EvidenceStore, StoredEvidence, StoredEvidenceBundle } from './evidence-store.js';

/** What the server answers an upload, and what a re-verification finds. */
export interface EvidenceVerdict {
  readonly evidence: StoredEvidence;
  readonly verification: BundleVerification;
  /** `provenance` and `sbom` as the verified bundle answers them. */
  readonly checks: readonly EvidenceCheck[];
}

export interface EvidenceServiceOptions {
  /** Public keys whose signatures the server accepts; none: every upload is refused. */
  readonly trustedKeys: readonly KeyObject[];
  readonly releases: {
    getRelease(service: string, version: string): Promise<ReleaseRecord>;
  };
  readonly ledger: { append(event: LedgerEventInput): Promise<unknown> };
  readonly now?: () => Date;
}

/** A bundle larger than this is refused before it is unpacked. */
export const maxEvidenceBundleBytes = 64 * 1024 * 1024;

/**
 * The server's copy of each release's evidence bundle: verified on upload against the keys the
 * server trusts (refused, with every reason, otherwise), and verified again whenever a
 * promotion asks for it, so stored bytes changed behind the server's back are caught too.
 */
export class EvidenceService {
  readonly #store: EvidenceStore;
  readonly #options: EvidenceServiceOptions;
  readonly #now: () => Date;

  constructor(store: EvidenceStore, options: EvidenceServiceOptions) {
    this.#store = store;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  get hasTrustedKeys(): boolean {
    return this.#options.trustedKeys.length > 0;
  }

  /** Verifies the tar bundle of `service` `version` and, only if it verifies, stores it. */
  async uploadBundle(
    service: string,
    version: string,
    content: Buffer,
    actor: string,
  ): Promise<EvidenceVerdict> {
    const release = await this.#options.releases.getRelease(service, version);
    if (content.length > maxEvidenceBundleBytes) {
      throw new SlipwayError(
        'TOO_LARGE',
        `the evidence bundle is ${content.length} bytes; at most ${maxEvidenceBundleBytes} are accepted`,
        { subject: `${service} ${version}` },
      );
    }
    const { verification, keyId } = this.#verify(content, release);
    const problems = problemsOf(verification, release);
    if (problems.length > 0 || keyId === null) {
      throw new SlipwayError(
        'REFUSED',
        `the evidence bundle of ${service} ${version} does not verify with the server's trusted keys: ${problems.join('; ')}`,
        {
          subject: `${service} ${version}`,
          hint: 'export it with `slipway evidence export … --out <file>.tar` from the attestations signed by a key the server trusts (SLIPWAY_EVIDENCE_KEYS)',
        },
      );
    }
    const previous = await this.#store.get(release.id);
    const evidence: StoredEvidence = {
      releaseId: release.id,
      service: release.service,
      version: release.version,
      digest: `sha256:${createHash('sha256').update(content).digest('hex')}`,
      size: content.length,
      manifest: verification.manifest ?? failNoManifest(),
      keyId,
      uploadedAt: this.#now().toISOString(),
      uploadedBy: actor,
    };
    if (previous?.digest !== evidence.digest) {
      await this.#store.put({ ...evidence, content });
      await this.#options.ledger.append({
        type: 'evidence.stored',
        subject: `release:${release.id}`,
        actor,
        payload: {
          service: release.service,
          version: release.version,
          digest: evidence.digest,
          previous: previous?.digest ?? null,
          keyId,
          items: evidence.manifest.items.length,
        },
      });
    }
    const stored = previous?.digest === evidence.digest ? previous : evidence;
    return { evidence: stored, verification, checks: evidenceCheckResults(verification) };
  }

  async getEvidence(service: string, version: string): Promise<StoredEvidence> {
    const release = await this.#options.releases.getRelease(service, version);
    const found = await this.#store.get(release.id);
    if (found === undefined) throw notStored(service, version);
    return found;
  }

  async getBundle(service: string, version: string): Promise<StoredEvidenceBundle> {
    const release = await this.#options.releases.getRelease(service, version);
    const found = await this.#store.content(release.id);
    if (found === undefined) throw notStored(service, version);
    return found;
  }

  /** The stored bundle verified again now (same checks as on upload); null when none is stored. */
  async reverify(release: ReleaseRecord): Promise<EvidenceVerdict | null> {
    const stored = await this.#store.content(release.id);
    if (stored === undefined) return null;
    const { content: _content, ...evidence } = stored;
    const digest = `sha256:${createHash('sha256').update(stored.content).digest('hex')}`;
    const { verification } = this.#verify(stored.content, release);
    const problems = problemsOf(verification, release);
    if (digest !== stored.digest) {
      problems.unshift(`the stored bundle hashes to ${digest}, not ${stored.digest} as uploaded`);
    }
    const checks =
      problems.length === 0
        ? evidenceCheckResults(verification)
        : evidenceCheckResults(verification).map((check) => ({
            ...check,
            status: 'failed' as const,
            details: problems.join('; ').slice(0, 1000),
          }));
    return { evidence, verification, checks };
  }

  /** The first trusted key the bundle verifies with; else the first key's findings. */
  #verify(
    content: Buffer,
    release: ReleaseRecord,
  ): { verification: BundleVerification; keyId: string | null } {
    const keys = this.#options.trustedKeys;
    if (keys.length === 0) {
      throw new SlipwayError(
        'REFUSED',
        `the server trusts no evidence keys, so it cannot verify the bundle of ${release.service} ${release.version}`,
        { subject: 'SLIPWAY_EVIDENCE_KEYS', hint: 'start the server with SLIPWAY_EVIDENCE_KEYS' },
      );
    }
    const scratch = mkdtempSync(join(tmpdir(), 'slipway-evidence-upload-'));
    try {
      const tar = join(scratch, 'bundle.tar');
      writeFileSync(tar, content);
      const bundle = openEvidenceBundle(tar);
      try {
        let first: BundleVerification | undefined;
        for (const key of keys) {
          const verification = verifyEvidenceBundle(bundle.dir, key);
          if (verification.ok && verification.unsigned.length === 0) {
            return { verification, keyId: keyIdOf(key) };
          }
          first ??= verification;
        }
        return { verification: first ?? failNoManifest(), keyId: null };
      } finally {
        bundle.close();
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

/** Every reason a verified-or-not bundle is not this release's trustworthy evidence. */
function problemsOf(verification: BundleVerification, release: ReleaseRecord): string[] {
  const problems = verification.failures.map(
    (f) => `${f.code}${f.item === null ? '' : ` ${f.item}`}: ${f.message}`,
  );
  for (const path of verification.unsigned)
    problems.push(`UNSIGNED ${path}: stored without a signature`);
  const manifest = verification.manifest;
  if (manifest === null) return problems;
  if (manifest.service !== release.service || manifest.version !== release.version) {
    problems.push(
      `RELEASE: the bundle is of ${manifest.service} ${manifest.version}, not ${release.service} ${release.version}`,
    );
  }
  const named = new Set(manifest.artifacts.map((a) => a.digest));
  for (const digest of release.artifacts) {
    if (!named.has(digest)) problems.push(`ARTIFACT: the bundle has no evidence for ${digest}`);
  }
  for (const digest of named) {
    if (!release.artifacts.includes(digest)) {
      problems.push(
        `ARTIFACT: ${digest} is not an artifact of ${release.service} ${release.version}`,
      );
    }
  }
  return problems;
}

function notStored(service: string, version: string): SlipwayError {
  return new SlipwayError('NOT_FOUND', `no evidence bundle is stored for ${service} ${version}`, {
    subject: `${service} ${version}`,
    hint: 'upload one with `slipway evidence push <bundle.tar> --server …`',
  });
}

function failNoManifest(): never {
  throw new SlipwayError('INTERNAL', 'a verified bundle without a manifest');
}

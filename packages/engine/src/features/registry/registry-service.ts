import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { JsonValue } from '@slipway/core';
import { SlipwayError, canonicalJson } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { ChangeOptions } from '../catalog/service-record.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createFakeLedgerService, createLedgerService } from '../ledger/ledger-service.js';
import type { FakeLedgerStore } from '../ledger/fake-ledger-store.js';
import type { Artifact, ArtifactQuery, NewArtifact } from './artifact-record.js';
import { digestHex } from './blob-meter.js';
import type { BlobStore } from './blob-store.js';
import { defaultMaxBlobBytes } from './blob-store.js';
import { FakeBlobStore } from './fake-blob-store.js';
import { FakeRegistryStore } from './fake-registry-store.js';
import { KyselyRegistryStore } from './kysely-registry-store.js';
import { artifactChanges, releaseDifferences } from './registry-changes.js';
import type { RegistryStore, RegistryUnit } from './registry-store.js';
import type { ValidRelease } from './registry-schemas.js';
import { parseNewArtifact, parseNewRelease } from './registry-schemas.js';
import type { NewRelease, ReleaseRecord } from './release-record.js';

export interface RegistryServiceOptions {
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** The largest upload accepted, in bytes (2 GiB by default). */
  readonly maxUploadBytes?: number;
}

export class RegistryService {
  readonly #store: RegistryStore;
  readonly #blobs: BlobStore;
  readonly #ledger: LedgerService;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #maxUploadBytes: number;

  constructor(
    store: RegistryStore,
    blobs: BlobStore,
    ledger: LedgerService,
    options: RegistryServiceOptions = {},
  ) {
    this.#store = store;
    this.#blobs = blobs;
    this.#ledger = ledger;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    this.#maxUploadBytes = options.maxUploadBytes ?? defaultMaxBlobBytes;
  }

  /**
   * The same digest is the same artifact: registering it again returns the stored one (no
   * event), fills labels it lacked (version, service, source commit; `artifact.updated`), and
   * keeps labels it has. A different name, kind or size for a known digest is a CONFLICT.
   */
  // async, so a validation error is a rejection like every other refusal.
  async registerArtifact(input: NewArtifact, options: ChangeOptions): Promise<Artifact> {
    const fields = parseNewArtifact(input);
    return this.#store.transaction(async (unit) => {
      if (fields.service !== null) await requireService(unit, fields.service);
      const known = await unit.artifact(fields.digest);
      if (known === undefined) {
        const artifact: Artifact = {
          ...fields,
          stored: false,
          createdAt: this.#now().toISOString(),
          createdBy: options.actor,
        };
        await unit.insertArtifact(artifact);
        await this.#record(unit, {
          type: 'artifact.registered',
          subject: `artifact:${artifact.digest}`,
          actor: options.actor,
          payload: toJson(artifact),
        });
        return artifact;
      }
      const { updated, changes } = artifactChanges(known, fields);
      if (Object.keys(changes).length === 0) return known;
      await unit.updateArtifact(known, updated);
      await this.#record(unit, {
        type: 'artifact.updated',
        subject: `artifact:${known.digest}`,
        actor: options.actor,
        payload: { digest: known.digest, changes },
      });
      return updated;
    });
  }

  /**
   * Streams the bytes into the blob store, which keeps them only when they hash to the digest
   * and have the registered size; then marks the artifact stored. Uploading again is harmless.
   */
  async uploadArtifact(digest: string, body: Readable, options: ChangeOptions): Promise<Artifact> {
    const artifact = await this.#store.artifact(validDigest(digest));
    if (artifact === undefined) {
      throw new SlipwayError('NOT_FOUND', `no artifact ${digest} is registered`, {
        subject: digest,
        hint: 'register the artifact (digest, name, kind, size) before uploading its bytes',
      });
    }
    if (artifact.size > this.#maxUploadBytes) {
      throw new SlipwayError(
        'TOO_LARGE',
        `${digest} is registered with ${artifact.size} bytes, more than the upload limit of ${this.#maxUploadBytes}`,
        { subject: digest },
      );
    }
    await this.#blobs.put(digest, body, { maxBytes: this.#maxUploadBytes, size: artifact.size });
    return this.#store.transaction(async (unit) => {
      const current = (await unit.artifact(digest)) ?? artifact;
      if (current.stored) return current;
      const stored: Artifact = { ...current, stored: true };
      await unit.updateArtifact(current, stored);
      await this.#record(unit, {
        type: 'artifact.uploaded',
        subject: `artifact:${digest}`,
        actor: options.actor,
        payload: { digest, size: stored.size },
      });
      return stored;
    });
  }

  async getArtifact(digest: string): Promise<Artifact> {
    const artifact = await this.#store.artifact(validDigest(digest));
    if (artifact === undefined) {
      throw new SlipwayError('NOT_FOUND', `no artifact ${digest} is registered`, {
        subject: digest,
      });
    }
    return artifact;
  }

  listArtifacts(query: ArtifactQuery = {}): Promise<Artifact[]> {
    return this.#store.listArtifacts(query);
  }

  /** Where the artifact's bytes are on this host, or null when they were not uploaded here. */
  artifactPath(digest: string): string | null {
    return this.#blobs.path(validDigest(digest));
  }

  /**
   * Records one version of a service with its artifacts (registered before, in the order given),
   * components and roll-forward plan. Sending the same release again returns the stored one;
   * the same version with other content is a CONFLICT naming what differs.
   */
  async createRelease(input: NewRelease, options: ChangeOptions): Promise<ReleaseRecord> {
    const fields = parseNewRelease(input);
    return this.#store.transaction(async (unit) => {
      await requireService(unit, fields.service);
      const known = await unit.release(fields.service, fields.version);
      if (known !== undefined) {
        const differences = releaseDifferences(known, fields);
        if (differences.length === 0) return known;
        throw new SlipwayError(
          'CONFLICT',
          `release ${fields.service}@${fields.version} exists with other ${differences.join(', ')}`,
          {
            subject: `${fields.service}@${fields.version}`,
            hint: 'a released version never changes; release a new version instead',
          },
        );
      }
      if (fields.fixes !== undefined) await requireFixedVersion(unit, fields);
      const unknown = await unit.unknownDigests(fields.artifacts);
      if (unknown.length > 0) {
        throw new SlipwayError(
          'NOT_FOUND',
          `release ${fields.service}@${fields.version} lists unregistered artifact ${unknown.join(', ')}`,
          { subject: unknown.join(', '), hint: 'register its artifacts before the release' },
        );
      }
      const release: ReleaseRecord = {
        id: this.#newId(),
        ...fields,
        createdAt: this.#now().toISOString(),
        createdBy: options.actor,
      };
      await unit.insertRelease(release);
      await this.#record(unit, {
        type: 'release.created',
        subject: `release:${release.service}@${release.version}`,
        actor: options.actor,
        payload: toJson(release),
      });
      return release;
    });
  }

  async getRelease(service: string, version: string): Promise<ReleaseRecord> {
    const release = await this.#store.release(service, version);
    if (release === undefined) {
      throw new SlipwayError('NOT_FOUND', `${service} has no release ${version}`, {
        subject: `${service}@${version}`,
        hint: `slipway releases ${service} lists its versions; slipway push registers one`,
      });
    }
    return release;
  }

  async getReleaseById(id: string): Promise<ReleaseRecord> {
    const release = await this.#store.releaseById(id);
    if (release === undefined) {
      throw new SlipwayError('NOT_FOUND', `no release with id ${id}`, { subject: id });
    }
    return release;
  }

  /** Newest first. */
  async listReleases(service: string): Promise<ReleaseRecord[]> {
    const releases = await this.#store.listReleases(service);
    // None: a service without releases yet, or a name the catalog does not know (an error).
    if (releases.length === 0)
      await this.#store.transaction((unit) => requireService(unit, service));
    return releases;
  }

  /** `ref` is a version, or an artifact digest: then the newest release that contains it. */
  async releaseForRef(service: string, ref: string): Promise<ReleaseRecord> {
    if (!ref.startsWith('sha256:')) return this.getRelease(service, ref);
    const release = await this.#store.newestReleaseWith(service, validDigest(ref));
    if (release === undefined) {
      throw new SlipwayError('NOT_FOUND', `no release of ${service} contains artifact ${ref}`, {
        subject: ref,
        hint: 'create a release that lists the artifact, or name a version',
      });
    }
    return release;
  }

  /** Appends last, inside the unit's transaction (the ledger head stays locked until commit). */
  async #record(unit: RegistryUnit, event: LedgerEventInput): Promise<void> {
    if (unit.trx === undefined) await this.#ledger.append(event);
    else await this.#ledger.appendEvent(unit.trx, event);
  }
}

function validDigest(digest: string): string {
  digestHex(digest);
  return digest;
}

async function requireService(unit: RegistryUnit, name: string): Promise<void> {
  if (!(await unit.serviceExists(name))) {
    throw new SlipwayError('NOT_FOUND', `no service named ${name} in the catalog`, {
      subject: name,
      hint: 'add it with `slipway service add` or import its catalog-info.yaml',
    });
  }
}

/** A fix names an earlier, recorded version of the same service, never itself. */
async function requireFixedVersion(unit: RegistryUnit, fields: ValidRelease): Promise<void> {
  const fixed = fields.fixes ?? '';
  const subject = `${fields.service}@${fixed}`;
  if (fixed === fields.version) {
    throw new SlipwayError('USAGE', `fixes: release ${subject} cannot fix itself`, {
      subject: 'fixes',
      hint: 'name the earlier version whose deployment failed',
    });
  }
  if ((await unit.release(fields.service, fixed)) === undefined) {
    throw new SlipwayError('NOT_FOUND', `fixes: ${fields.service} has no release ${fixed}`, {
      subject,
      hint: `slipway releases ${fields.service} lists its versions`,
    });
  }
}

/** Records are plain data (no undefined, only arrays and objects), so JSON carries them whole. */
function toJson(value: Artifact | ReleaseRecord): JsonValue {
  return JSON.parse(canonicalJson(value)) as JsonValue;
}

export function createRegistryService(
  db: Kysely<Database>,
  options: RegistryServiceOptions & { readonly blobs: BlobStore },
): RegistryService {
  return new RegistryService(
    new KyselyRegistryStore(db),
    options.blobs,
    // Only the clock: ids of ledger events are the ledger's own.
    createLedgerService(db, ledgerOptions(options)),
    options,
  );
}

export function createFakeRegistryService(options: RegistryServiceOptions = {}): {
  service: RegistryService;
  store: FakeRegistryStore;
  blobs: FakeBlobStore;
  ledger: FakeLedgerStore;
} {
  const store = new FakeRegistryStore();
  const blobs = new FakeBlobStore();
  const { service: ledgerService, store: ledger } = createFakeLedgerService(ledgerOptions(options));
  return {
    service: new RegistryService(store, blobs, ledgerService, options),
    store,
    blobs,
    ledger,
  };
}

function ledgerOptions(options: RegistryServiceOptions): { now?: () => Date } {
  return options.now === undefined ? {} : { now: options.now };
}

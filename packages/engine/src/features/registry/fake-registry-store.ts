import type { Artifact, ArtifactQuery } from './artifact-record.js';
import type { ReleaseRecord } from './release-record.js';
import { ConcurrentChangeError } from './registry-store.js';
import type { RegistryStore, RegistryUnit } from './registry-store.js';

/**
 * In memory, for unit tests. A transaction that throws restores what it started with. The
 * catalog is a set of service names the test fills (`services.add('api')`).
 */
export class FakeRegistryStore implements RegistryStore {
  readonly services = new Set<string>();
  #artifacts = new Map<string, Artifact>();
  /** In creation order; newest last. */
  #releases: ReleaseRecord[] = [];

  async transaction<T>(work: (unit: RegistryUnit) => Promise<T>): Promise<T> {
    const artifacts = new Map(this.#artifacts);
    const releases = [...this.#releases];
    const unit: RegistryUnit = {
      trx: undefined,
      serviceExists: (name) => Promise.resolve(this.services.has(name)),
      artifact: (digest) => Promise.resolve(this.#artifacts.get(digest)),
      unknownDigests: (digests) =>
        Promise.resolve(digests.filter((digest) => !this.#artifacts.has(digest))),
      insertArtifact: (artifact) => {
        if (this.#artifacts.has(artifact.digest)) {
          throw new Error(`duplicate artifact ${artifact.digest}`);
        }
        this.#artifacts.set(artifact.digest, artifact);
        return Promise.resolve();
      },
      updateArtifact: (before, after) => {
        // Transactions here never overlap; a mismatch is a bug in the caller.
        if (this.#artifacts.get(before.digest) !== before) {
          throw new ConcurrentChangeError(before.digest);
        }
        this.#artifacts.set(after.digest, after);
        return Promise.resolve();
      },
      release: (service, version) => this.release(service, version),
      insertRelease: (release) => {
        if (
          this.#releases.some((r) => r.service === release.service && r.version === release.version)
        ) {
          throw new Error(`duplicate release ${release.service}@${release.version}`);
        }
        this.#releases.push(release);
        return Promise.resolve();
      },
    };
    try {
      return await work(unit);
    } catch (error) {
      this.#artifacts = artifacts;
      this.#releases = releases;
      throw error;
    }
  }

  artifact(digest: string): Promise<Artifact | undefined> {
    return Promise.resolve(this.#artifacts.get(digest));
  }

  listArtifacts(query: ArtifactQuery): Promise<Artifact[]> {
    const matches = [...this.#artifacts.values()].filter(
      (artifact) =>
        (query.service === undefined || artifact.service === query.service) &&
        (query.version === undefined || artifact.version === query.version),
    );
    return Promise.resolve(
      matches.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.digest, b.digest)),
    );
  }

  release(service: string, version: string): Promise<ReleaseRecord | undefined> {
    return Promise.resolve(
      this.#releases.find((r) => r.service === service && r.version === version),
    );
  }

  releaseById(id: string): Promise<ReleaseRecord | undefined> {
    return Promise.resolve(this.#releases.find((release) => release.id === id));
  }

  listReleases(service: string): Promise<ReleaseRecord[]> {
    return Promise.resolve(this.#newestFirst(service));
  }

  newestReleaseWith(service: string, digest: string): Promise<ReleaseRecord | undefined> {
    return Promise.resolve(
      this.#newestFirst(service).find((release) => release.artifacts.includes(digest)),
    );
  }

  #newestFirst(service: string): ReleaseRecord[] {
    return this.#releases
      .filter((release) => release.service === service)
      .sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

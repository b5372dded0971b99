import { SlipwayError } from '@slipway/core';
import type { Service } from '../catalog/service-record.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import type { DeploymentSources } from './deployment-sources.js';
import { serviceNotFound } from './deployment-sources.js';

/** Services, releases and blob paths held in memory, for unit tests of the deployment service. */
export class FakeDeploymentSources implements DeploymentSources {
  readonly #services = new Map<string, Service>();
  readonly #releases: ReleaseRecord[] = [];
  readonly #paths = new Map<string, string>();

  addService(service: Service): void {
    this.#services.set(service.name, service);
  }

  addRelease(release: ReleaseRecord): void {
    this.#releases.push(release);
  }

  setArtifactPath(digest: string, path: string): void {
    this.#paths.set(digest, path);
  }

  service(name: string): Promise<Service> {
    const service = this.#services.get(name);
    return service === undefined ? Promise.reject(serviceNotFound(name)) : Promise.resolve(service);
  }

  services(): Promise<readonly Service[]> {
    return Promise.resolve([...this.#services.values()]);
  }

  releaseForRef(service: string, ref: string): Promise<ReleaseRecord> {
    const release = this.#releases
      .filter((r) => r.service === service)
      .reverse()
      .find((r) => (ref.startsWith('sha256:') ? r.artifacts.includes(ref) : r.version === ref));
    return release === undefined
      ? Promise.reject(
          new SlipwayError('NOT_FOUND', `${service} has no release ${ref}`, { subject: ref }),
        )
      : Promise.resolve(release);
  }

  releaseById(id: string): Promise<ReleaseRecord> {
    const release = this.#releases.find((r) => r.id === id);
    return release === undefined
      ? Promise.reject(new SlipwayError('NOT_FOUND', `no release with id ${id}`, { subject: id }))
      : Promise.resolve(release);
  }

  artifactPath(digest: string): string | null {
    return this.#paths.get(digest) ?? null;
  }
}

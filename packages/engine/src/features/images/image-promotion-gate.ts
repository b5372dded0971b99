import { SlipwayError } from '@slipway/core';
import type { Deployment } from '../deployments/deployment-record.js';
import type { DeploymentGate, GateAdmission, GateRequest } from '../deployments/deployment-gate.js';
import type { Service } from '../catalog/service-record.js';
import type { Artifact } from '../registry/artifact-record.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import { OciRegistryClient } from '../../adapters/oci/oci-registry-client.js';
import type { ImageArtifacts, ImageEvents, RegistryClients } from './image-service.js';
import { ImageService } from './image-service.js';
import type { ImagePromotionConfig } from './image-promotion-config.js';
import { imagePromotionFromEnv, imageTargetFor } from './image-promotion-config.js';
import { renderTags } from './tag-templates.js';

export interface ImagePromotionGateOptions {
  readonly images: Pick<ImageService, 'placeImage'>;
  readonly artifacts: { getArtifact(digest: string): Promise<Artifact> };
  /** The release a rollback returned to (its version and commit name the moving tags). */
  readonly releases: { releaseById(id: string): Promise<ReleaseRecord> };
  readonly config: ImagePromotionConfig;
}

const admitAll = (request: GateRequest): GateAdmission => ({
  kind: 'allow',
  allowSkip: request.service.allowSkip,
  admitted: async (_deployment: Deployment) => undefined,
});

/**
 * In front of a deployment (a promotion or a deploy) to an environment that has an image
 * target: once the inner gate admits it, the release's images are placed by digest in the
 * environment's repository under its fixed tags (copied and verified first when it is another
 * repository; each tag resolved again after writing). Any failure refuses the deployment with
 * the reason, before the deployer runs. The moving tags follow once the deployment is recorded.
 * Each placement is recorded as `image.promoted`, before its tags are written.
 */
export class ImagePromotionGate implements DeploymentGate {
  readonly #inner: DeploymentGate | undefined;
  readonly #options: ImagePromotionGateOptions;

  constructor(inner: DeploymentGate | undefined, options: ImagePromotionGateOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  async admit(request: GateRequest): Promise<GateAdmission> {
    const admission =
      this.#inner === undefined ? admitAll(request) : await this.#inner.admit(request);
    if (admission.kind !== 'allow') return admission;
    const target = imageTargetFor(this.#options.config, request.service.name, request.environment);
    if (target === null) return admission;
    const { release, environment } = request;
    const context = tagContext(release, environment);
    const fixed = renderTags(target.tags, context);
    const moving = renderTags(target.movingTags ?? [], context).filter((t) => !fixed.includes(t));
    const images = await this.#images(release.artifacts);
    const reasons: string[] = [];
    // Before the deployment: copy (or re-tag) by digest and write the tags that never move; a
    // fixed tag that points elsewhere refuses the deployment, and nothing moved.
    for (const artifact of images) {
      const source = `${artifact.name}@${artifact.digest}`;
      try {
        await this.#options.images.placeImage(
          { source, destination: target.repository, tags: fixed, movingTags: [], environment },
          { actor: request.actor },
        );
      } catch (error) {
        if (!(error instanceof SlipwayError)) throw error;
        reasons.push(
          `image ${source} was not promoted to ${target.repository} for ${environment}: ${error.message}`,
        );
      }
    }
    if (reasons.length > 0) return { kind: 'refuse', reasons };
    if (moving.length === 0 || images.length === 0) return admission;
    // Moving tags (`{env}`, `latest`) say what the environment runs: they move only once the
    // deployment is recorded (the lifecycle rules may still refuse it after this gate).
    return {
      ...admission,
      admitted: async (deployment: Deployment) => {
        await admission.admitted(deployment);
        if (deployment.status !== 'succeeded' && deployment.status !== 'in_progress') return;
        await this.#moveTags(target.repository, images, moving, environment, request.actor);
      },
    };
  }

  /**
   * The environment's moving tags (`{env}`, `latest`) go back with a rollback to the images it
   * returned to (already placed there when that version was promoted); fixed tags never move.
   */
  async rolledBack(deployment: Deployment, service: Service, actor: string): Promise<void> {
    await this.#inner?.rolledBack?.(deployment, service, actor);
    const { environment } = deployment;
    const target = imageTargetFor(this.#options.config, service.name, environment);
    if (target === null) return;
    const release = await this.#options.releases.releaseById(deployment.releaseId);
    const moving = renderTags(target.movingTags ?? [], tagContext(release, environment));
    if (moving.length === 0) return;
    const images = await this.#images(deployment.digests);
    await this.#moveTags(target.repository, images, moving, environment, actor);
  }

  /** Points the moving tags at images already placed in `repository` (a re-tag, no copy). */
  async #moveTags(
    repository: string,
    images: readonly Artifact[],
    moving: readonly string[],
    environment: string,
    actor: string,
  ): Promise<void> {
    for (const artifact of images) {
      await this.#options.images.placeImage(
        {
          source: `${repository}@${artifact.digest}`,
          destination: repository,
          tags: moving,
          movingTags: moving,
          environment,
        },
        { actor },
      );
    }
  }

  async #images(digests: readonly string[]): Promise<Artifact[]> {
    const artifacts = await Promise.all(
      digests.map((digest) => this.#options.artifacts.getArtifact(digest)),
    );
    return artifacts.filter((artifact) => artifact.kind === 'oci-image');
  }
}

/** What tag templates (`{version}`, `{env}`, `{sha_short}`) are filled from. */
function tagContext(
  release: Pick<ReleaseRecord, 'version' | 'commit'>,
  environment: string,
): { version: string; env: string; sha?: string } {
  return {
    version: release.version,
    env: environment,
    ...(release.commit === null ? {} : { sha: release.commit }),
  };
}

/** How the control plane reaches registries when it promotes images itself. */
export interface ImagePromotionSettings {
  readonly config: ImagePromotionConfig;
  /** One client per registry host (credentials, plain HTTP); default from `config`. */
  readonly clients: RegistryClients;
}

/** `SLIPWAY_IMAGE_PROMOTION` with `SLIPWAY_REGISTRY_USERNAME` / `_PASSWORD`; null when unset. */
export function imagePromotionSettingsFromEnv(
  env: NodeJS.ProcessEnv,
): ImagePromotionSettings | null {
  const config = imagePromotionFromEnv(env);
  if (config === null) return null;
  const username = env['SLIPWAY_REGISTRY_USERNAME'];
  const credentials =
    username === undefined || username === ''
      ? null
      : { username, password: env['SLIPWAY_REGISTRY_PASSWORD'] ?? '' };
  return {
    config,
    clients: (registry) =>
      new OciRegistryClient({ registry, credentials, insecure: config.plainHttp === true }),
  };
}

/** The gate with image promotion in front of the deployer, or the gate as is without settings. */
export function withImagePromotion(
  inner: DeploymentGate,
  settings: ImagePromotionSettings | null,
  parts: {
    readonly artifacts: ImageArtifacts & ImagePromotionGateOptions['artifacts'];
    readonly releases: ImagePromotionGateOptions['releases'];
    readonly events: ImageEvents;
  },
): DeploymentGate {
  if (settings === null) return inner;
  return new ImagePromotionGate(inner, {
    images: new ImageService(settings.clients, parts.artifacts, parts.events),
    artifacts: parts.artifacts,
    releases: parts.releases,
    config: settings.config,
  });
}

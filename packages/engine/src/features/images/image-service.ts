import { SlipwayError } from '@slipway/core';
import type { JsonValue } from '@slipway/core';
import { copyImage, verifyImage } from '../../adapters/oci/copy-image.js';
import { parseImageReference } from '../../adapters/oci/image-reference.js';
import type { ImageReference } from '../../adapters/oci/image-reference.js';
import { isIndexType, platformName } from '../../adapters/oci/oci-media-types.js';
import type { OciRegistryClient } from '../../adapters/oci/oci-registry-client.js';
import type { ChangeOptions } from '../catalog/service-record.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { Artifact, NewArtifact } from '../registry/artifact-record.js';
import type {
  ImageRecord,
  PlaceImageInput,
  PlacedImage,
  PlatformManifest,
  RecordImageInput,
  TagChange,
} from './image-record.js';

/** Where an image becomes an artifact: the registry service or the control plane. */
export interface ImageArtifacts {
  registerArtifact(input: NewArtifact, options: ChangeOptions): Promise<Artifact>;
}

/** Where tag moves and promotions are recorded: the ledger service. */
export interface ImageEvents {
  append(event: LedgerEventInput): Promise<unknown>;
}

/** One client per registry host; the factory carries credentials and the insecure flag. */
export type RegistryClients = (registry: string) => OciRegistryClient;

/**
 * Images by digest: recorded as `oci-image` artifacts, tagged and promoted without ever moving a
 * tag silently. A tag moves only when the caller opts in for it and the move is recorded.
 */
export class ImageService {
  readonly #clients: RegistryClients;
  readonly #artifacts: ImageArtifacts;
  readonly #events: ImageEvents | null;

  constructor(clients: RegistryClients, artifacts: ImageArtifacts, events: ImageEvents | null) {
    this.#clients = clients;
    this.#artifacts = artifacts;
    this.#events = events;
  }

  /** Resolves the reference to its digest (and platform digests) and registers the artifact. */
  async recordImage(input: RecordImageInput, options: ChangeOptions): Promise<ImageRecord> {
    const ref = parseImageReference(input.reference);
    const client = this.#clients(ref.registry);
    const manifest = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? 'latest');
    if (ref.digest !== null && manifest.digest !== ref.digest) {
      throw new SlipwayError(
        'DIGEST_MISMATCH',
        `${input.reference} resolves to ${manifest.digest}`,
        {
          subject: input.reference,
        },
      );
    }
    const platforms: PlatformManifest[] = isIndexType(manifest.mediaType)
      ? (manifest.document.manifests ?? []).map((child) => ({
          platform: platformName(child.platform),
          digest: child.digest,
        }))
      : [{ platform: 'unknown', digest: manifest.digest }];
    const name = `${ref.registry}/${ref.repository}`;
    const artifact = await this.#artifacts.registerArtifact(
      {
        digest: manifest.digest,
        name,
        kind: 'oci-image',
        size: manifest.bytes.length,
        version: input.version ?? null,
        service: input.service ?? null,
        sourceCommit: input.sourceCommit ?? null,
      },
      options,
    );
    const record: ImageRecord = {
      reference: `${name}@${manifest.digest}`,
      registry: ref.registry,
      repository: ref.repository,
      digest: manifest.digest,
      mediaType: manifest.mediaType,
      platforms,
      artifact,
    };
    await this.#record({
      type: 'image.recorded',
      subject: `artifact:${manifest.digest}`,
      actor: options.actor,
      payload: {
        reference: record.reference,
        mediaType: record.mediaType,
        platforms: platforms.map((p) => ({ platform: p.platform, digest: p.digest })),
      },
    });
    return record;
  }

  /**
   * Puts the exact digest under the tags in the destination: re-tags in place, or copies by
   * digest first (blobs, platform manifests, index; no tag until all is there and verified).
   * Refuses before writing any tag when one points to another digest and may not move; after
   * writing, each tag must resolve to the digest (DIGEST_MISMATCH otherwise).
   */
  async placeImage(input: PlaceImageInput, options: ChangeOptions): Promise<PlacedImage> {
    const source = parseImageReference(input.source);
    const digest = requireDigest(source, input.source);
    // The destination names a repository; tags come from `tags` only.
    const destination = parseImageReference(input.destination.replace(/@.*$/, ''));
    const from = { client: this.#clients(source.registry), repository: source.repository };
    const to = { client: this.#clients(destination.registry), repository: destination.repository };
    const moving = new Set(input.movingTags ?? []);
    const plan: TagChange[] = [];
    const unchanged: string[] = [];
    for (const tag of input.tags) {
      const previous = await to.client.resolveDigest(to.repository, tag);
      if (previous === digest) {
        unchanged.push(tag);
        continue;
      }
      if (previous !== null && !moving.has(tag)) {
        throw new SlipwayError(
          'CONFLICT',
          `${destination.registry}/${destination.repository}:${tag} points to ${previous}, not ${digest}; refusing to move it`,
          {
            subject: `${destination.registry}/${destination.repository}:${tag}`,
            hint: 'a tag moves only when it is declared moving (like latest or the environment tag)',
          },
        );
      }
      if (previous !== null && this.#events === null) {
        throw new SlipwayError('REFUSED', `moving ${tag} needs a ledger to record the move in`, {
          subject: tag,
        });
      }
      plan.push({ tag, previous });
    }
    const same =
      source.registry === destination.registry && source.repository === destination.repository;
    const manifest = await from.client.getManifest(from.repository, digest);
    if (same) await verifyImage(from, digest);
    else await copyImage(from, digest, to);
    // Recorded before any tag is written: a tag never points anywhere without its event.
    const reference = `${destination.registry}/${destination.repository}@${digest}`;
    if (plan.length > 0 || !same) {
      await this.#record({
        type: input.environment == null ? 'image.tagged' : 'image.promoted',
        subject: `artifact:${digest}`,
        actor: options.actor,
        payload: {
          source: `${source.registry}/${source.repository}@${digest}`,
          destination: reference,
          environment: input.environment ?? null,
          tags: plan.map((c) => ({ tag: c.tag, previous: c.previous })) as JsonValue,
        },
      });
    }
    for (const change of plan) {
      await to.client.putManifest(to.repository, change.tag, manifest.bytes, manifest.mediaType);
    }
    for (const tag of [...plan.map((c) => c.tag), ...unchanged]) {
      const resolved = await to.client.resolveDigest(to.repository, tag);
      if (resolved !== digest) {
        throw new SlipwayError(
          'DIGEST_MISMATCH',
          `${destination.registry}/${destination.repository}:${tag} resolves to ${resolved ?? 'nothing'}, not ${digest}`,
          { subject: `${destination.registry}/${destination.repository}:${tag}` },
        );
      }
    }
    return { reference, digest, copied: !same, changed: plan, unchanged };
  }

  async #record(event: LedgerEventInput): Promise<void> {
    if (this.#events !== null) await this.#events.append(event);
  }
}

function requireDigest(ref: ImageReference, text: string): string {
  if (ref.digest === null) {
    throw new SlipwayError(
      'USAGE',
      `${text} names no digest: promotion and tagging work by digest only`,
      {
        subject: text,
        hint: 'record the image first; use registry/repository@sha256:<hex>',
      },
    );
  }
  return ref.digest;
}

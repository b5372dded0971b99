import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { SlipwayError } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { ControlPlane } from '../control-plane/control-plane.js';
import type { BlobStore } from '../registry/blob-store.js';
import { FakeBlobStore } from '../registry/fake-blob-store.js';
import { canonicalPythonVersion } from '../python/project-names.js';
import { checkUpload } from './check-upload.js';
import { FakePackageIndexStore } from './fake-package-index-store.js';
import { KyselyPackageIndexStore } from './kysely-package-index-store.js';
import { FileExistsError } from './package-file.js';
import type { PackageFile, PackageIndexStore } from './package-file.js';
import type { PackageUpload } from './package-upload.js';

/** What the index needs of the control plane: services, artifacts and where they run. */
export type PackageIndexControlPlane = Pick<
  ControlPlane,
  'getService' | 'addService' | 'getArtifact' | 'registerArtifact' | 'uploadArtifact' | 'history'
>;

export interface PackageIndexOptions {
  readonly now?: () => Date;
  /** Largest distribution file accepted (default 100 MiB, PyPI's default). */
  readonly maxFileBytes?: number;
  /** Where uploads are written while they stream in (default the system's temp directory). */
  readonly spoolDir?: string;
}

export const defaultMaxPackageFileBytes = 100 * 1024 * 1024;

export interface UploadOptions {
  readonly actor: string;
  /** Whether the uploader may add a missing service to the catalog (catalog.write). */
  readonly mayCreateService: boolean;
}

/** A project's files, newest upload last, with the versions among them. */
export interface ProjectListing {
  readonly project: string;
  readonly files: readonly PackageFile[];
  readonly versions: readonly string[];
}

/**
 * The Python package index over the registry: uploads become artifacts of the service with the
 * project's normalized name; `/envs/<env>/simple/` shows only versions deployed there.
 */
export class PackageIndexService {
  readonly #store: PackageIndexStore;
  readonly #blobs: BlobStore;
  readonly #controlPlane: PackageIndexControlPlane;
  readonly #now: () => Date;
  readonly maxFileBytes: number;
  readonly spoolDir: string;

  constructor(
    store: PackageIndexStore,
    blobs: BlobStore,
    controlPlane: PackageIndexControlPlane,
    options: PackageIndexOptions = {},
  ) {
    this.#store = store;
    this.#blobs = blobs;
    this.#controlPlane = controlPlane;
    this.#now = options.now ?? (() => new Date());
    this.maxFileBytes = options.maxFileBytes ?? defaultMaxPackageFileBytes;
    this.spoolDir = options.spoolDir ?? tmpdir();
  }

  /**
   * Checks everything first (see checkUpload, then name taken, digest known under another
   * name, service missing and not creatable), so a refused upload stores nothing. A file name
   * already uploaded is refused with FileExistsError.
   */
  async upload(upload: PackageUpload, options: UploadOptions): Promise<PackageFile> {
    const { distribution, project, sha256, size } = await checkUpload(upload, this.maxFileBytes);
    const filename = distribution.file.filename;
    if ((await this.#store.byFilename(filename)) !== undefined) {
      throw new FileExistsError(filename);
    }
    const digest = `sha256:${sha256}`;
    const known = await this.#knownArtifact(digest);
    if (known !== undefined && known.name !== filename) {
      throw new SlipwayError('CONFLICT', `these bytes are registered already as ${known.name}`, {
        subject: filename,
      });
    }
    await this.#ensureService(project, options);
    const actor = { actor: options.actor };
    await this.#controlPlane.registerArtifact(
      {
        digest,
        name: filename,
        kind: distribution.file.kind,
        size,
        version: distribution.version,
        service: project,
      },
      actor,
    );
    const { content } = upload;
    const bytes = Buffer.isBuffer(content)
      ? Readable.from([content])
      : createReadStream(content.path);
    await this.#controlPlane.uploadArtifact(digest, bytes, actor);
    const metadataDigest =
      distribution.file.kind === 'wheel' ? await this.#putBytes(distribution.raw) : null;
    const file: PackageFile = {
      filename,
      project,
      version: distribution.version,
      kind: distribution.file.kind,
      digest,
      size,
      requiresPython: distribution.requiresPython,
      metadataDigest,
      yanked: false,
      uploadedAt: this.#now().toISOString(),
      uploadedBy: options.actor,
    };
    await this.#store.insert(file);
    return file;
  }

  /** Normalized names of the projects with files (in the channel, when one is named). */
  async projects(environment?: string): Promise<string[]> {
    const projects = await this.#store.projects();
    if (environment === undefined) return projects;
    const listed: string[] = [];
    for (const project of projects) {
      if ((await this.#channelFiles(project, environment)).length > 0) listed.push(project);
    }
    return listed;
  }

  /** The project's files; NOT_FOUND when it has none (in the channel). */
  async project(project: string, environment?: string): Promise<ProjectListing> {
    const files =
      environment === undefined
        ? await this.#store.projectFiles(project)
        : await this.#channelFiles(project, environment);
    if (files.length === 0) {
      throw new SlipwayError('NOT_FOUND', `no project ${project} in this index`, {
        subject: project,
      });
    }
    const versions = [...new Set(files.map((file) => file.version))];
    return { project, files, versions };
  }

  /** The file, when its digest is `sha256hex` too (the URL carries both). */
  async file(sha256hex: string, filename: string): Promise<PackageFile> {
    const file = await this.#store.byFilename(filename);
    if (file === undefined || file.digest !== `sha256:${sha256hex}`) {
      throw new SlipwayError('NOT_FOUND', `no file ${filename} with that digest`, {
        subject: filename,
      });
    }
    return file;
  }

  /** The bytes of a digest in the blob store (a file's, or its metadata file's). */
  open(digest: string): Readable {
    return this.#blobs.open(digest);
  }

  /**
   * Files of the versions (and digests) with a succeeded deployment to the environment: what the
   * environment was approved to run. A project that is no service yet has no channel files.
   */
  async #channelFiles(project: string, environment: string): Promise<PackageFile[]> {
    let deployments;
    try {
      deployments = await this.#controlPlane.history(project, { environment, limit: 1_000 });
    } catch (error) {
      if (error instanceof SlipwayError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
    const succeeded = deployments.filter(
      (deployment) => deployment.status === 'succeeded' && deployment.environment === environment,
    );
    const versions = new Set(
      succeeded.map((deployment) => canonicalPythonVersion(deployment.version)),
    );
    const digests = new Set(succeeded.flatMap((deployment) => deployment.digests));
    const files = await this.#store.projectFiles(project);
    return files.filter(
      (file) => digests.has(file.digest) || versions.has(canonicalPythonVersion(file.version)),
    );
  }

  async #knownArtifact(digest: string): Promise<{ name: string } | undefined> {
    try {
      return await this.#controlPlane.getArtifact(digest);
    } catch (error) {
      if (error instanceof SlipwayError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  async #ensureService(project: string, options: UploadOptions): Promise<void> {
    try {
      await this.#controlPlane.getService(project);
      return;
    } catch (error) {
      if (!(error instanceof SlipwayError && error.code === 'NOT_FOUND')) throw error;
    }
    if (!options.mayCreateService) {
      throw new SlipwayError(
        'FORBIDDEN',
        `no service ${project} in the catalog, and this token may not add one (catalog.write)`,
        { subject: project },
      );
    }
    await this.#controlPlane.addService({ name: project }, { actor: options.actor });
  }

  async #putBytes(bytes: Buffer): Promise<string> {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await this.#blobs.put(digest, Readable.from([bytes]), {
      maxBytes: bytes.length,
      size: bytes.length,
    });
    return digest;
  }
}

export function createPackageIndexService(
  db: Kysely<Database>,
  options: PackageIndexOptions & {
    readonly blobs: BlobStore;
    readonly controlPlane: PackageIndexControlPlane;
  },
): PackageIndexService {
  return new PackageIndexService(
    new KyselyPackageIndexStore(db),
    options.blobs,
    options.controlPlane,
    options,
  );
}

export function createFakePackageIndexService(
  controlPlane: PackageIndexControlPlane,
  options: PackageIndexOptions = {},
): { service: PackageIndexService; store: FakePackageIndexStore; blobs: FakeBlobStore } {
  const store = new FakePackageIndexStore();
  const blobs = new FakeBlobStore();
  return { service: new PackageIndexService(store, blobs, controlPlane, options), store, blobs };
}

import { Readable } from 'node:stream';
import { makeTempDir } from '@slipway/test-utils';
import type { TestDialect } from '@slipway/test-utils';
import {
  createCatalogService,
  createDeployerFactory,
  createDeploymentService,
  createDeploymentSources,
  createLedgerService,
  createRegistryService,
  FileBlobStore,
} from '../../src/index.js';
import type {
  CatalogService,
  DeploymentService,
  LedgerService,
  NewRelease,
  NewService,
  RegistryService,
  ReleaseRecord,
  RolloutHandoff,
} from '../../src/index.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { MigratedTestDatabase } from '../db/migrated-test-database.js';
import { actor, digestOf, ticking } from './deployment-fixtures.js';

/** The real catalog, registry (with a file blob store) and deployment service on one database. */
export interface DeploymentTestEnv {
  readonly database: MigratedTestDatabase;
  readonly dir: string;
  readonly catalog: CatalogService;
  readonly registry: RegistryService;
  readonly deployments: DeploymentService;
  readonly ledger: LedgerService;
  addService(input: NewService): Promise<void>;
  /** Registers and uploads one file artifact per name, then the release listing them. */
  release(service: string, version: string, fields?: Partial<NewRelease>): Promise<ReleaseRecord>;
  /** Another deployment service over another pool of the same database (PostgreSQL). */
  deploymentsOn(db: Kysely<Database>): DeploymentService;
}

export interface DeploymentTestOptions {
  readonly now?: () => Date;
  /** Progressive delivery over the database (the rollout service). */
  readonly rollouts?: (db: Kysely<Database>) => RolloutHandoff;
}

export async function openDeploymentTestEnv(
  dialect: TestDialect,
  options: DeploymentTestOptions = {},
): Promise<DeploymentTestEnv> {
  const database = await openMigratedTestDatabase(dialect);
  const dir = makeTempDir('slipway-deploy-').path;
  const now = options.now ?? ticking();
  const rolloutsOn = (db: Kysely<Database>): { rollouts?: RolloutHandoff } =>
    options.rollouts === undefined ? {} : { rollouts: options.rollouts(db) };
  const blobs = new FileBlobStore(`${dir}/blobs`);
  const catalog = createCatalogService(database.db, { now });
  const registry = createRegistryService(database.db, { now, blobs });
  const deploymentsOn = (db: Kysely<Database>): DeploymentService =>
    createDeploymentService(db, {
      sources: createDeploymentSources(createCatalogService(db), registry),
      deployerFor: createDeployerFactory({ defaultCwd: dir }),
      now,
      ...rolloutsOn(db),
    });
  return {
    database,
    dir,
    catalog,
    registry,
    deployments: createDeploymentService(database.db, {
      sources: createDeploymentSources(catalog, registry),
      deployerFor: createDeployerFactory({ defaultCwd: dir }),
      now,
      ...rolloutsOn(database.db),
    }),
    ledger: createLedgerService(database.db),
    addService: async (input) => {
      await catalog.addService(input, actor);
    },
    release: async (service, version, fields = {}) => {
      const digests: string[] = [];
      for (const name of [`${service}-${version}.whl`, `${service}-${version}.tar.gz`]) {
        const bytes = Buffer.from(`contents of ${name}`);
        const digest = digestOf(bytes.toString());
        await registry.registerArtifact(
          { digest, name, kind: 'file', size: bytes.length, service, version },
          actor,
        );
        await registry.uploadArtifact(digest, Readable.from([bytes]), actor);
        digests.push(digest);
      }
      return registry.createRelease({ service, version, artifacts: digests, ...fields }, actor);
    },
    deploymentsOn,
  };
}

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { SlipwayError, openPolicy } from '@slipway/core';
import type { Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate-to-latest.js';
import { databaseUrlFor, openDatabase } from '../../db/open-database.js';
import type { EmbeddedControlPlane } from '../control-plane/embedded-control-plane.js';
import { createEmbeddedControlPlane } from '../control-plane/embedded-control-plane.js';
import type { Deployment } from '../deployments/deployment-record.js';
import type { DeploymentTables } from '../deployments/deployment-tables.js';
import type { RegistryTables } from '../registry/registry-tables.js';
import type { DemoService } from './demo-catalog.js';
import {
  demoCanary,
  demoFix,
  demoLifecycle,
  demoNotes,
  demoPendingChange,
  demoRepositoryPrefix,
  demoRollback,
  demoServices,
} from './demo-catalog.js';

export interface DemoSeedOptions {
  /** A migrated database. */
  readonly db: Kysely<Database>;
  /** Where the demo artifacts' bytes go (the server's blob directory). */
  readonly blobDir: string;
  /** The end of the demo history; default the current time. */
  readonly now?: Date;
  /** How many days the history spans; default 30. */
  readonly days?: number;
}

export interface DemoSeedReport {
  /** False when the database already held the demo (nothing was added). */
  readonly seeded: boolean;
  readonly services: number;
  readonly releases: number;
  readonly deployments: number;
}

const hour = 3_600_000;
const day = 24 * hour;
const people = ['cli:ada', 'cli:grace', 'cli:linus', 'cli:margaret'] as const;
const ciActor = 'ci:release-pipeline';

/**
 * Seeds the demo data set of `slipway serve --demo` through the engine's services: the catalog,
 * releases with notes and uploaded artifacts, deployments and promotions spread over the past
 * `days` (one rolled back in prod, one fixed by a release marked as its fix), flags with a
 * fractional rollout per environment, a canary paused at a step, and a change request waiting
 * for approval. Refuses a database that holds other services; one already seeded with the demo
 * is left as it is.
 *
 * The engine stamps what it records with the current time, so the history is recorded now and
 * then moved to its place in the past: deployment and release times (what the catalog, the
 * release pages and DORA read). The ledger keeps the true times of the seeding, as it must.
 */
export async function seedDemo(options: DemoSeedOptions): Promise<DemoSeedReport> {
  const controlPlane = createEmbeddedControlPlane({
    db: options.db,
    blobDir: options.blobDir,
    imagePromotion: null,
    evidenceKeys: [],
  });
  const existing = await controlPlane.listServices();
  if (existing.length > 0) {
    const foreign = existing.filter(
      (service) => !(service.repository ?? '').startsWith(demoRepositoryPrefix),
    );
    if (foreign.length > 0) {
      const names = foreign.slice(0, 5).map((service) => service.name);
      throw new SlipwayError(
        'CONFLICT',
        `--demo seeds an empty database only; this one holds ${existing.length} services (${names.join(', ')}${foreign.length > 5 ? ', …' : ''})`,
        {
          subject: 'database',
          hint: 'start the demo with another --data-dir (or SLIPWAY_DATABASE_URL), or leave --demo out',
        },
      );
    }
    return { seeded: false, services: existing.length, releases: 0, deployments: 0 };
  }
  const now = (options.now ?? new Date()).getTime();
  const seeder = new DemoSeeder(controlPlane, now - (options.days ?? 30) * day, now);
  // The month of history stands for deployments made before the team wrote its policy: an open
  // policy (version 1) lets it through, and `pendingChange` then stores the tier defaults.
  await controlPlane.setPolicy(openPolicy, { actor: 'cli:admin' });
  for (const [index, service] of demoServices.entries()) await seeder.history(service, index);
  await seeder.flags();
  await seeder.canary();
  await seeder.pendingChange();
  await seeder.backdate(options.db);
  return {
    seeded: true,
    services: demoServices.length,
    releases: seeder.releaseTimes.size,
    deployments: seeder.deploymentTimes.size,
  };
}

class DemoSeeder {
  readonly deploymentTimes = new Map<string, number>();
  readonly releaseTimes = new Map<string, number>();
  readonly #controlPlane: EmbeddedControlPlane;
  readonly #start: number;
  readonly #end: number;

  constructor(controlPlane: EmbeddedControlPlane, start: number, end: number) {
    this.#controlPlane = controlPlane;
    this.#start = start;
    this.#end = end;
  }

  /** The service, its releases, and each release's way through dev, staging and prod. */
  async history(service: DemoService, index: number): Promise<void> {
    const cp = this.#controlPlane;
    await cp.addService(
      {
        name: service.name,
        owner: service.owner,
        riskTier: service.riskTier,
        repository: `${demoRepositoryPrefix}${service.name}`,
        lifecycle: [...demoLifecycle],
      },
      { actor: 'cli:admin' },
    );
    // Versions evenly over the window, leaving its last two days for the newest work.
    const slot = (this.#end - this.#start - 2 * day) / service.versions.length;
    for (const [position, version] of service.versions.entries()) {
      const last = position === service.versions.length - 1;
      const releasedAt = this.#start + position * slot + ((index * 5) % 17) * hour;
      const actor = people[(index + position) % people.length] ?? 'cli:ada';
      await this.#release(service.name, version, position, releasedAt);
      const reaches = last ? service.lastReaches : 'prod';
      await this.#deploy(service.name, version, actor, releasedAt + hour);
      if (reaches === 'dev') continue;
      await this.#promote(service.name, 'dev', 'staging', actor, releasedAt + 4 * hour);
      if (reaches === 'staging') continue;
      const live = releasedAt + day + ((position * 7 + index) % 9) * hour;
      await this.#promote(service.name, 'staging', 'prod', actor, live);
      if (service.name === demoRollback.service && version === demoRollback.version) {
        const back = await cp.rollback({ service: service.name, environment: 'prod' }, { actor });
        this.#at(back, live + 2 * hour);
      }
    }
  }

  async #release(service: string, version: string, position: number, at: number): Promise<void> {
    const cp = this.#controlPlane;
    const bytes = Buffer.from(`${service} ${version}: demo build of slipway serve --demo\n`);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await cp.registerArtifact(
      {
        digest,
        name: `${service}-${version}.tar.gz`,
        kind: 'file',
        size: bytes.length,
        version,
        service,
      },
      { actor: ciActor },
    );
    await cp.uploadArtifact(digest, Readable.from([bytes]), { actor: ciActor });
    const fixOf =
      service === demoFix.service && version === demoFix.version ? demoFix.fixes : undefined;
    const release = await cp.createRelease(
      {
        service,
        version,
        tag: `v${version}`,
        commit: createHash('sha1').update(`${service}@${version}`).digest('hex'),
        notes: demoNotes(service, version, position, fixOf),
        artifacts: [digest],
        firstCommitTime: new Date(at - (6 + ((position * 11) % 60)) * hour).toISOString(),
        ...(fixOf === undefined ? {} : { fixes: fixOf }),
        // The first production deployment has nothing to roll back to.
        ...(position === 0
          ? {
              rollForward: { reason: 'first release tracked by Slipway', steps: ['release a fix'] },
            }
          : {}),
      },
      { actor: ciActor },
    );
    this.releaseTimes.set(release.id, at);
  }

  async #deploy(service: string, version: string, actor: string, at: number): Promise<void> {
    const deployment = await this.#controlPlane.deploy(
      { service, environment: 'dev', ref: version },
      { actor },
    );
    this.#at(deployment, at);
  }

  async #promote(service: string, from: string, to: string, actor: string, at: number) {
    this.#at(await this.#controlPlane.promote({ service, from, to }, { actor }), at);
  }

  #at(deployment: Deployment, at: number): void {
    this.deploymentTimes.set(deployment.id, at);
  }

  /** Each service's flags in every environment: on in dev, rolling out in staging and prod. */
  async flags(): Promise<void> {
    const flags = this.#controlPlane.flags;
    for (const service of demoServices) {
      for (const [position, key] of service.flags.entries()) {
        for (const env of demoLifecycle) {
          const scope = { service: service.name, env };
          await flags.setFlag(
            scope,
            key,
            {
              state: 'ENABLED',
              variants: { on: true, off: false },
              defaultVariant: env === 'dev' ? 'on' : 'off',
            },
            { actor: 'cli:grace' },
          );
          if (env === 'dev') continue;
          const percent = env === 'staging' ? 50 : position === 0 ? 25 : 5;
          await flags.rolloutFlag(scope, key, { percent, variant: 'on' }, { actor: 'cli:grace' });
        }
      }
    }
    await flags.killFlag({ service: 'checkout', env: 'prod' }, 'new-tax-engine', {
      actor: 'cli:linus',
    });
  }

  /** The newest web-frontend release as a canary in staging, paused after its first weight. */
  async canary(): Promise<void> {
    const cp = this.#controlPlane;
    await cp.updateService(
      demoCanary.service,
      {
        rollout: {
          environments: {
            staging: {
              strategy: {
                kind: 'canary',
                steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 50 }, { setWeight: 100 }],
              },
            },
          },
        },
      },
      { actor: 'cli:admin' },
    );
    await cp.promote(
      { service: demoCanary.service, from: 'dev', to: 'staging' },
      { actor: 'cli:margaret' },
    );
    // Moves it to its pause now rather than at the server's first tick.
    for (let turn = 0; turn < 3; turn += 1) await cp.rollouts.tick();
  }

  /** A production policy (tests and one approval) that holds notifications' newest release. */
  async pendingChange(): Promise<void> {
    const cp = this.#controlPlane;
    const { service, version } = demoPendingChange;
    await cp.setPolicy({ overrides: [] }, { actor: 'cli:admin' });
    await cp.addCheckResult(
      {
        service,
        ref: version,
        name: 'tests',
        status: 'passed',
        url: `${demoRepositoryPrefix}${service}/actions/runs/4242`,
      },
      { actor: ciActor },
    );
    try {
      await cp.promote({ service, from: 'staging', to: 'prod' }, { actor: 'cli:ada' });
    } catch (error) {
      if (!(error instanceof SlipwayError)) throw error;
    }
    const waiting = await cp.listChangeRequests({ service });
    if (waiting.length === 0) {
      throw new SlipwayError('INTERNAL', `demo: ${service} ${version} to prod was not held`, {
        subject: service,
      });
    }
  }

  /** Moves the recorded history to its place in the past. */
  async backdate(database: Kysely<Database>): Promise<void> {
    const db = database.withTables<DeploymentTables & RegistryTables>();
    for (const [id, at] of this.deploymentTimes) {
      const time = new Date(at).toISOString();
      await db
        .updateTable('deployments')
        .set({ created_at: new Date(at - 2 * 60_000).toISOString(), updated_at: time })
        .where('id', '=', id)
        .execute();
      await db
        .updateTable('deployments')
        .set({ finished_at: time })
        .where('id', '=', id)
        .where('finished_at', 'is not', null)
        .execute();
      await db
        .updateTable('environment_state')
        .set({ deployed_at: time })
        .where('deployment_id', '=', id)
        .execute();
    }
    for (const [id, at] of this.releaseTimes) {
      await db
        .updateTable('releases')
        .set({ created_at: new Date(at).toISOString() })
        .where('id', '=', id)
        .execute();
    }
  }
}

/**
 * `slipway serve --demo`: the demo seeded into the database the server is about to open (the
 * embedded one in `dataDir`, or SLIPWAY_DATABASE_URL), migrated first, closed after.
 */
export async function seedDemoDatabase(options: {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
}): Promise<DemoSeedReport> {
  const database = await openDatabase({ url: databaseUrlFor(options.dataDir, options.env) });
  try {
    await migrateToLatest(database.db);
    return await seedDemo({ db: database.db, blobDir: join(options.dataDir, 'blobs') });
  } finally {
    await database.close();
  }
}

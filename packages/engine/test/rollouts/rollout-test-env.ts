import type { Kysely } from 'kysely';
import type { RolloutSpec } from '@slipway/core';
import type { TestDialect } from '@slipway/test-utils';
import {
  FakeMetricsProvider,
  FakeTrafficRouter,
  createFlagService,
  createRolloutService,
} from '../../src/index.js';
import type {
  Database,
  FlagService,
  RolloutLinks,
  RolloutService,
  ReleaseRecord,
} from '../../src/index.js';
import { actor } from '../deployments/deployment-fixtures.js';
import { openDeploymentTestEnv } from '../deployments/deployment-test-env.js';
import type { DeploymentTestEnv } from '../deployments/deployment-test-env.js';

export const start = Date.parse('2026-05-01T10:00:00.000Z');

/** Deployments with progressive delivery on a real database; a hand-moved clock; fakes at the ports. */
export interface RolloutTestEnv extends DeploymentTestEnv {
  readonly rollouts: RolloutService;
  readonly flags: FlagService;
  readonly router: FakeTrafficRouter;
  readonly metrics: FakeMetricsProvider;
  /** Moves the clock by `seconds`. */
  advance(seconds: number): void;
  /** A service `shop` (lifecycle prod only) rolling out with `spec`, and 1.0.0 running in prod. */
  shopRunning(spec: RolloutSpec, fields?: { rollForward?: boolean }): Promise<ReleaseRecord>;
  /** Another rollout service over `db` (another pool: another "server"). */
  rolloutsOn(db: Kysely<Database>, router?: FakeTrafficRouter): RolloutService;
  /** Ledger event types, oldest first. */
  eventTypes(prefix?: string): Promise<string[]>;
}

export async function openRolloutTestEnv(
  dialect: TestDialect,
  options: { links?: (db: Kysely<Database>) => RolloutLinks; realClock?: boolean } = {},
): Promise<RolloutTestEnv> {
  let clock = start;
  const now = options.realClock === true ? () => new Date() : (): Date => new Date(clock);
  const router = new FakeTrafficRouter();
  const metrics = new FakeMetricsProvider({ now });
  // Built after the rollouts (it needs the database); an abort's restore is announced to it.
  const serving: { flags?: FlagService } = {};
  const rolloutsOn = (db: Kysely<Database>, given = router): RolloutService =>
    createRolloutService(db, {
      metrics,
      routerFor: () => given,
      onFlagsRestored: (scope) => serving.flags?.announceChange(scope),
      now,
      ...(options.links === undefined ? {} : { links: options.links(db) }),
    });
  let rollouts: RolloutService | undefined;
  const env = await openDeploymentTestEnv(dialect, {
    now,
    rollouts: (db) => (rollouts ??= rolloutsOn(db)),
  });
  const flags = createFlagService(env.database.db, { now });
  serving.flags = flags;
  return {
    ...env,
    rollouts: rollouts ?? rolloutsOn(env.database.db),
    flags,
    router,
    metrics,
    advance: (seconds) => {
      clock += seconds * 1000;
    },
    shopRunning: async (spec, fields = {}) => {
      await env.addService({ name: 'shop', lifecycle: ['prod'], rollout: { default: spec } });
      const rollForward = { reason: 'drops a column', steps: ['ship a fix release'] };
      // prod is the last environment: its first release needs a way forward.
      const first = await env.release('shop', '1.0.0', { rollForward });
      await env.deployments.deploy(
        { service: 'shop', environment: 'prod', ref: '1.0.0', strategy: 'all-at-once' },
        actor,
      );
      const drop = { name: '0002-drop', kind: 'migration', rollback: 'irreversible' } as const;
      await env.release(
        'shop',
        '1.1.0',
        fields.rollForward === true ? { rollForward, components: [drop] } : {},
      );
      return first;
    },
    rolloutsOn,
    eventTypes: async (prefix = '') => {
      const { events } = await env.ledger.listEvents({ limit: 1000 });
      return events.map((event) => event.type).filter((type) => type.startsWith(prefix));
    },
  };
}

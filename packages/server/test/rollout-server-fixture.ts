import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { RolloutSpec } from '@slipway/core';
import type { TestDialect } from '@slipway/test-utils';
import type { EmbeddedControlPlane } from '@slipway/engine';
import { flagServerFixture } from './flag-server-fixture.js';

export { bearer } from './flag-server-fixture.js';

/** Traffic is only recorded (no router): the routes are the point here, not nginx. */
export const canarySpec: RolloutSpec = {
  strategy: {
    kind: 'canary',
    steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { setWeight: 100 }],
  },
};

export interface RolloutServerFixture {
  readonly app: FastifyInstance;
  readonly plane: EmbeddedControlPlane;
  readonly admin: string;
  readonly releaser: string;
  readonly viewer: string;
  /** Deploys 1.1.0 of `service` to `environment`; the rollout, ticked once (20%, then paused). */
  startRollout(service: string, environment: string): Promise<string>;
}

/**
 * The server as `slipway serve` composes it (the real rollout, deployment, catalog and flag
 * services on a fresh database), with `api` and `web` declaring a canary for every environment.
 * No scheduler runs: the tests tick the rollout service themselves, so nothing moves behind them.
 */
export async function rolloutServerFixture(dialect: TestDialect): Promise<RolloutServerFixture> {
  const { app, controlPlane: plane, admin, releaser, viewer } = await flagServerFixture(dialect);
  const actor = { actor: 'seed' };
  const lifecycle = ['dev', 'qa', 'perf', 'staging', 'canary', 'prod'];
  for (const service of ['api', 'web']) {
    await plane.addService(
      { name: service, lifecycle, allowSkip: true, rollout: { default: canarySpec } },
      actor,
    );
    const bytes = Buffer.from(`${service} 1.1.0`);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await plane.registerArtifact(
      { digest, name: `${service}.tar.gz`, kind: 'file', size: bytes.length, service },
      actor,
    );
    await plane.uploadArtifact(digest, Readable.from([bytes]), actor);
    await plane.createRelease({ service, version: '1.1.0', artifacts: [digest] }, actor);
  }
  return {
    app,
    plane,
    admin,
    releaser,
    viewer,
    startRollout: async (service, environment) => {
      const deployment = await plane.deploy({ service, environment, ref: '1.1.0' }, actor);
      await plane.rollouts.tick();
      const rollout = await plane.rollouts.rolloutOfDeployment(deployment.id);
      if (rollout === undefined) throw new Error(`deployment ${deployment.id} has no rollout`);
      return rollout.id;
    },
  };
}

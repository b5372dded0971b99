import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { actor } from './deployment-fixtures.js';
import { openDeploymentTestEnv } from './deployment-test-env.js';

/** The deploy script a team would write: each environment is a directory of artifact files. */
const copyScript = [
  '#!/bin/sh',
  'set -eu',
  'target="$PWD/environments/$SLIPWAY_ENVIRONMENT"',
  'rm -rf "$target" && mkdir -p "$target"',
  `IFS='${delimiter}'`,
  'for artifact in $SLIPWAY_ARTIFACT_PATHS; do cp "$artifact" "$target/"; done',
  'printf "%s\\n" "$SLIPWAY_VERSION" > "$target/VERSION"',
  'echo "$SLIPWAY_ACTION $SLIPWAY_SERVICE $SLIPWAY_VERSION to $SLIPWAY_ENVIRONMENT"',
  '',
].join('\n');

describe.each(testDialects())('the command deployer end to end on %s', (dialect) => {
  it('takes a release dev → staging → prod and rolls prod back to the previous files', async () => {
    const env = await openDeploymentTestEnv(dialect);
    const script = join(env.dir, 'deploy.sh');
    writeFileSync(script, copyScript);
    chmodSync(script, 0o755);
    await env.addService({
      name: 'shop',
      deployer: { kind: 'command', command: [script], timeoutSeconds: 30 },
    });
    const contents = (environment: string): Record<string, string> => {
      const dir = join(env.dir, 'environments', environment);
      return Object.fromEntries(
        readdirSync(dir)
          .sort()
          .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
      );
    };
    const blobName = (digest: string): string =>
      (env.registry.artifactPath(digest) ?? '').split('/').at(-1) ?? '';

    const first = await env.release('shop', '1.0.0', {
      rollForward: { reason: 'first release', steps: ['ship a fix'] },
    });
    const second = await env.release('shop', '1.1.0');
    for (const release of [first, second]) {
      const dev = await env.deployments.deploy(
        { service: 'shop', environment: 'dev', ref: release.version },
        actor,
      );
      expect(dev).toMatchObject({ status: 'succeeded', deployer: 'command' });
      expect(dev.logs).toBe(`deploy shop ${release.version} to dev\n`);
      await env.deployments.promote({ service: 'shop', from: 'dev', to: 'staging' }, actor);
      await env.deployments.promote({ service: 'shop', from: 'staging', to: 'prod' }, actor);
      const files = contents('prod');
      expect(files['VERSION']).toBe(`${release.version}\n`);
      expect(Object.keys(files)).toHaveLength(3);
      for (const digest of release.artifacts) expect(files[blobName(digest)]).toBeDefined();
    }

    const rollback = await env.deployments.rollback(
      { service: 'shop', environment: 'prod' },
      actor,
    );
    expect(rollback).toMatchObject({
      status: 'succeeded',
      version: '1.0.0',
      digests: first.artifacts,
    });
    expect(rollback.logs).toBe('rollback shop 1.0.0 to prod\n');
    expect(contents('prod')['VERSION']).toBe('1.0.0\n');
    for (const digest of first.artifacts) {
      expect(contents('prod')[blobName(digest)]).toContain('contents of shop-1.0.0');
    }
    expect(contents('staging')['VERSION']).toBe('1.1.0\n');
    const status = await env.deployments.status();
    expect(status.services[0]?.environments['prod']?.digests).toEqual(first.artifacts);
  });

  it('records a failing deploy program as failed, and the environment keeps running what it ran', async () => {
    const env = await openDeploymentTestEnv(dialect);
    const script = join(env.dir, 'deploy.sh');
    writeFileSync(
      script,
      '#!/bin/sh\nif [ "$SLIPWAY_VERSION" = "2.0.0" ]; then echo "health check failed" >&2; exit 4; fi\n',
    );
    chmodSync(script, 0o755);
    await env.addService({ name: 'shop', deployer: { kind: 'command', command: [script] } });
    await env.release('shop', '1.0.0');
    await env.release('shop', '2.0.0');
    const good = await env.deployments.deploy(
      { service: 'shop', environment: 'dev', ref: '1.0.0' },
      actor,
    );
    const bad = await env.deployments.deploy(
      { service: 'shop', environment: 'dev', ref: '2.0.0' },
      actor,
    );
    expect(bad).toMatchObject({ status: 'failed' });
    expect(bad.logs).toBe(`health check failed\n${script} exited with code 4\n`);
    const status = await env.deployments.status({ service: 'shop' });
    expect(status.services[0]?.environments['dev']?.version).toBe('1.0.0');
    const next = await env.deployments.deploy(
      { service: 'shop', environment: 'dev', ref: '1.0.0' },
      actor,
    );
    expect(next.rollbackTarget?.deploymentId).toBe(good.id);
    const { events } = await env.ledger.listEvents({ subject: `deployment:${bad.id}` });
    expect(events.map((e) => e.type)).toEqual(['deployment.started', 'deployment.failed']);
  });
});

import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import {
  CommandDeployer,
  RecordDeployer,
  boundLog,
  createDeployerFactory,
  maxDeploymentLogBytes,
} from '../../src/index.js';
import type { DeployerRequest } from '../../src/index.js';

function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function request(overrides: Partial<DeployerRequest> = {}): DeployerRequest {
  return {
    deploymentId: 'dep-1',
    action: 'deploy',
    service: 'api',
    environment: 'staging',
    version: '1.2.0',
    digests: [],
    artifactPaths: [],
    ...overrides,
  };
}

function blob(dir: string, content: string): { digest: string; path: string } {
  const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
  const path = join(dir, digest.replace(':', '-'));
  writeFileSync(path, content);
  return { digest, path };
}

describe('CommandDeployer', () => {
  it('copies the artifacts into a per-environment directory from its environment variables', async () => {
    const dir = makeTempDir().path;
    const wheel = blob(dir, 'wheel bytes');
    const tarball = blob(dir, 'sdist bytes');
    const deploy = script(
      dir,
      'deploy.sh',
      [
        'set -eu',
        'target="$PWD/envs/$SLIPWAY_ENVIRONMENT"',
        'mkdir -p "$target"',
        `IFS='${delimiter}'`,
        'for artifact in $SLIPWAY_ARTIFACT_PATHS; do cp "$artifact" "$target/"; done',
        'echo "$SLIPWAY_DEPLOYMENT_ID $SLIPWAY_ACTION $SLIPWAY_SERVICE $SLIPWAY_VERSION" > "$target/DEPLOYED"',
        'echo "$SLIPWAY_DIGESTS" >> "$target/DEPLOYED"',
        'echo "deployed to $SLIPWAY_ENVIRONMENT"',
        'echo "a warning" >&2',
      ].join('\n'),
    );
    const deployer = new CommandDeployer({ command: [deploy], cwd: dir });
    const outcome = await deployer.deploy(
      request({
        digests: [wheel.digest, tarball.digest],
        artifactPaths: [wheel.path, tarball.path],
      }),
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.logs).toContain('deployed to staging\n');
    expect(outcome.logs).toContain('a warning\n');
    const target = join(dir, 'envs', 'staging');
    expect(readdirSync(target).sort()).toEqual(
      ['DEPLOYED', wheel.path, tarball.path].map((p) => p.split('/').at(-1)).sort(),
    );
    expect(readFileSync(join(target, wheel.path.split('/').at(-1) ?? ''), 'utf8')).toBe(
      'wheel bytes',
    );
    expect(readFileSync(join(target, 'DEPLOYED'), 'utf8')).toBe(
      `dep-1 deploy api 1.2.0\n${wheel.digest} ${tarball.digest}\n`,
    );
  });

  it('passes argv without a shell', async () => {
    const dir = makeTempDir().path;
    const deployer = new CommandDeployer({
      command: ['/bin/sh', '-c', 'printf "%s|" "$@"', 'sh', 'a b', '$HOME', '; rm -rf x'],
      cwd: dir,
    });
    const outcome = await deployer.deploy(request());
    expect(outcome).toEqual({ status: 'succeeded', logs: 'a b|$HOME|; rm -rf x|' });
  });

  it('fails with the exit code in the logs', async () => {
    const dir = makeTempDir().path;
    const fail = script(dir, 'fail.sh', 'echo "cannot reach the cluster" >&2\nexit 3');
    const outcome = await new CommandDeployer({ command: [fail], cwd: dir }).deploy(request());
    expect(outcome.status).toBe('failed');
    expect(outcome.logs).toBe(`cannot reach the cluster\n${fail} exited with code 3\n`);
  });

  it('fails when the program cannot start', async () => {
    const dir = makeTempDir().path;
    const missing = join(dir, 'missing.sh');
    const outcome = await new CommandDeployer({ command: [missing], cwd: dir }).deploy(request());
    expect(outcome.status).toBe('failed');
    expect(outcome.logs).toContain(`could not run ${missing}`);
  });

  it('kills the whole process group on timeout and says so', async () => {
    const dir = makeTempDir().path;
    const marker = join(dir, 'still-running');
    // The grandchild would write the marker after 3 s if the kill missed it.
    const slow = script(dir, 'slow.sh', `echo started\n(sleep 3; touch "${marker}") &\nsleep 30`);
    const started = Date.now();
    const outcome = await new CommandDeployer({
      command: [slow],
      cwd: dir,
      timeoutSeconds: 1,
    }).deploy(request());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcome.status).toBe('failed');
    expect(outcome.logs).toBe(`started\ntimed out after 1s; killed the process group of ${slow}\n`);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(existsSync(marker)).toBe(false);
  });

  it('keeps the head and tail of long output within the budget', async () => {
    const dir = makeTempDir().path;
    const chatty = script(
      dir,
      'chatty.sh',
      'echo FIRST-LINE\ni=0\nwhile [ $i -lt 20000 ]; do echo "line $i of noise"; i=$((i+1)); done\necho LAST-LINE',
    );
    const outcome = await new CommandDeployer({ command: [chatty], cwd: dir }).deploy(request());
    expect(outcome.status).toBe('succeeded');
    expect(Buffer.byteLength(outcome.logs)).toBeLessThan(maxDeploymentLogBytes + 100);
    expect(outcome.logs.startsWith('FIRST-LINE\n')).toBe(true);
    expect(outcome.logs.endsWith('LAST-LINE\n')).toBe(true);
    expect(outcome.logs).toMatch(/\[… \d+ bytes of output elided …\]/);
  });
});

describe('RecordDeployer and the factory', () => {
  it('records without acting, or leaves the outcome to CI', async () => {
    const record = new RecordDeployer();
    expect((await record.deploy(request())).status).toBe('succeeded');
    expect((await record.deploy(request({ awaitReport: true }))).status).toBe('in_progress');
  });

  it('maps a service config to its deployer, cwd relative to the data directory', async () => {
    const dir = makeTempDir().path;
    const factory = createDeployerFactory({ defaultCwd: dir });
    expect(factory(null).name).toBe('record');
    expect(factory({ kind: 'record' }).name).toBe('record');
    const command = factory({ kind: 'command', command: ['/bin/pwd'], cwd: '.' });
    expect(command.name).toBe('command');
    expect(await command.deploy(request())).toEqual({ status: 'succeeded', logs: `${dir}\n` });
  });

  it('bounds a log text after the fact', () => {
    expect(boundLog('short')).toBe('short');
    const bounded = boundLog(`${'a'.repeat(100)}${'b'.repeat(100)}`, 50);
    expect(bounded).toBe(`${'a'.repeat(25)}\n[… 150 bytes of output elided …]\n${'b'.repeat(25)}`);
  });
});

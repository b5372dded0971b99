import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo, makeTempDir } from '@slipway/test-utils';
import type { GitRepo } from '@slipway/test-utils';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';
import { writeOpenPolicy } from './open-policy-file.js';

const adminToken = 'slw_e2e-admin-token-chosen-by-the-test';
const servers: BuiltServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  cleanupTempDirs();
});

interface Status {
  services: {
    name: string;
    environments: Record<string, { version: string; digests: string[]; actor: string }>;
  }[];
}

/** A deploy program that really installs: the artifacts' bytes into <root>/<environment>. */
function writeDeployScript(dir: string, root: string): string {
  const script = join(dir, 'deploy.sh');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      'set -eu',
      // Steps before the code (migrations, down steps) are called one by one: record them.
      `mkdir -p "${root}"`,
      'if [ "$SLIPWAY_STEP" != deploy ]; then',
      `  echo "$SLIPWAY_ENVIRONMENT $SLIPWAY_STEP $SLIPWAY_COMPONENT $SLIPWAY_STEP_COMMAND" >> "${root}/steps.log"`,
      '  exit 0',
      'fi',
      `target="${root}/$SLIPWAY_ENVIRONMENT"`,
      'rm -rf "$target.next" && mkdir -p "$target.next"',
      'IFS=:',
      'for path in $SLIPWAY_ARTIFACT_PATHS; do cp "$path" "$target.next/"; done',
      'printf "%s\\n" "$SLIPWAY_VERSION" > "$target.next/VERSION"',
      'rm -rf "$target" && mv "$target.next" "$target"',
      'echo "$SLIPWAY_ACTION $SLIPWAY_SERVICE $SLIPWAY_VERSION to $SLIPWAY_ENVIRONMENT"',
      '',
    ].join('\n'),
  );
  return script;
}

/** What an environment directory holds: its version and the digests of its files. */
function installed(root: string, environment: string): { version: string; digests: string[] } {
  const dir = join(root, environment);
  const digests = readdirSync(dir)
    .filter((name) => name !== 'VERSION')
    .map(
      (name) =>
        `sha256:${createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex')}`,
    )
    .sort();
  return { version: readFileSync(join(dir, 'VERSION'), 'utf8').trim(), digests };
}

function buildArtifacts(repo: GitRepo, version: string): string[] {
  const dist = join(repo.dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist);
  const files = {
    [`shop-${version}.bin`]: `shop code ${version}\n`,
    [`shop-${version}-settings.json`]: `{"version":"${version}"}\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dist, name), text);
  return Object.values(files)
    .map((text) => `sha256:${createHash('sha256').update(text).digest('hex')}`)
    .sort();
}

describe.each(['embedded', 'server'] as const)(
  'a release from commit to prod and back (%s)',
  (mode) => {
    it('goes dev → staging → prod through the command deployer, and rolls back prod', async () => {
      const work = makeTempDir('slipway-e2e-');
      const dataDir = join(work.path, 'data');
      const root = join(work.path, 'environments');
      const script = writeDeployScript(work.path, root);
      const repo = createGitRepo([
        {
          commit: 'feat: the shop opens',
          files: {
            'pyproject.toml': [
              '[project]',
              'name = "shop"',
              'version = "0.0.0"',
              '',
              '[tool.slipway.deploy]',
              'components = [',
              '  { name = "app", kind = "code", rollback = "redeploy" },',
              '  { name = "schema", kind = "migration", rollback = "reversible", up = "db upgrade", down = "db downgrade" },',
              ']',
              '',
            ].join('\n'),
            '.gitignore': 'dist/\n',
          },
        },
      ]);
      let env: Record<string, string> = { SLIPWAY_ACTOR: 'release-bot' };
      if (mode === 'server') {
        const server = await startBuiltServer(dataDir, {
          SLIPWAY_ADMIN_TOKEN: adminToken,
          SLIPWAY_DATABASE_URL: undefined,
        });
        servers.push(server);
        env = { ...env, SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: adminToken };
      }
      const cli = async (args: string[]): Promise<CliResult> => {
        // Control-plane commands take the embedded database's directory; `release` only git.
        const dataArgs =
          mode === 'embedded' && args[0] !== 'release' ? ['--data-dir', dataDir] : [];
        return runBuiltCliAsync([...args, ...dataArgs], { cwd: repo.dir, env });
      };
      const ok = async (args: string[]): Promise<CliResult> => {
        const result = await cli(args);
        expect(result.stderr, args.join(' ')).not.toContain('error:');
        expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
        return result;
      };
      const json = async <T>(args: string[]): Promise<T> =>
        JSON.parse((await ok([...args, '--json'])).stdout) as T;

      await ok(['service', 'add', 'shop', '--deploy-command', JSON.stringify(['/bin/sh', script])]);
      // About deploying and rolling back, not approvals: an open policy (ADR 0024).
      await ok(['policy', 'set', writeOpenPolicy(makeTempDir('slipway-open-policy-').path)]);

      // 0.1.0: the first release; nothing to roll back to, so it carries a roll-forward plan.
      await ok(['release']);
      const first = buildArtifacts(repo, '0.1.0');
      const pushed = await json<{ release: { version: string; artifacts: string[] } }>([
        'push',
        '--roll-forward',
        'first release of the shop',
        '--roll-forward-step',
        'fix forward with a new release',
      ]);
      expect(pushed.release.version).toBe('0.1.0');
      expect([...pushed.release.artifacts].sort()).toEqual(first);

      // Skipping dev is refused, and changes nothing.
      const skipped = await cli(['deploy', 'shop', '0.1.0', '--env', 'staging']);
      expect(skipped.status).toBe(1);
      expect(skipped.stderr).toContain('dev');

      await ok(['deploy', 'shop', '0.1.0', '--env', 'dev']);
      await ok(['promote', 'shop', '--from', 'dev', '--to', 'staging']);
      await ok(['promote', 'shop', '--from', 'staging', '--to', 'prod']);
      for (const environment of ['dev', 'staging', 'prod']) {
        expect(installed(root, environment)).toEqual({ version: '0.1.0', digests: first });
      }

      // 0.1.1 follows the same path; prod now has a way back.
      repo.git(['commit', '--allow-empty', '-q', '-m', 'fix: the till rounds correctly']);
      await ok(['release']);
      const second = buildArtifacts(repo, '0.1.1');
      await ok(['push']);
      await ok(['deploy', 'shop', '0.1.1', '--env', 'dev']);
      await ok(['promote', 'shop', '--from', 'dev', '--to', 'staging']);
      const plan = await json<{ kind: string; target: { version: string; digests: string[] } }>([
        'plan-rollback',
        'shop',
        '--env',
        'prod',
      ]);
      expect(plan.kind).toBe('rollback');
      expect(plan.target.version).toBe('0.1.0');
      expect([...plan.target.digests].sort()).toEqual(first);
      const toProd = await json<{ status: string; rollbackCommand: string; digests: string[] }>([
        'promote',
        'shop',
        '--from',
        'staging',
        '--to',
        'prod',
      ]);
      expect(toProd.status).toBe('succeeded');
      expect([...toProd.digests].sort()).toEqual(second);
      expect(toProd.rollbackCommand).toBe('slipway rollback shop --env prod');
      expect(installed(root, 'prod')).toEqual({ version: '0.1.1', digests: second });

      // Rollback in prod restores the previous digests, through the same deployer.
      const rolledBack = await json<{ action: string; status: string; version: string }>([
        'rollback',
        'shop',
        '--env',
        'prod',
      ]);
      expect(rolledBack).toMatchObject({
        action: 'rollback',
        status: 'succeeded',
        version: '0.1.0',
      });
      expect(installed(root, 'prod')).toEqual({ version: '0.1.0', digests: first });
      expect(installed(root, 'staging')).toEqual({ version: '0.1.1', digests: second });

      const status = await json<Status>(['status']);
      const shop = status.services.find((service) => service.name === 'shop');
      expect(shop?.environments['prod']?.version).toBe('0.1.0');
      expect([...(shop?.environments['prod']?.digests ?? [])].sort()).toEqual(first);
      expect(shop?.environments['staging']?.version).toBe('0.1.1');

      const history = await json<{
        deployments: { environment: string; version: string; status: string }[];
      }>(['history', 'shop', '--env', 'prod']);
      expect(history.deployments.map((d) => [d.version, d.status])).toEqual([
        ['0.1.0', 'succeeded'],
        ['0.1.1', 'rolled_back'],
        ['0.1.0', 'succeeded'],
      ]);
      // Migrations ran as their own step before each deployment's code; the rollback ran the
      // down step before the previous code came back.
      expect(readFileSync(join(root, 'steps.log'), 'utf8').trim().split('\n')).toEqual([
        'dev migrate schema db upgrade',
        'staging migrate schema db upgrade',
        'prod migrate schema db upgrade',
        'dev migrate schema db upgrade',
        'staging migrate schema db upgrade',
        'prod migrate schema db upgrade',
        'prod migrate-down schema db downgrade',
      ]);
      const verified = await json<{ ok: boolean; events: number }>(['ledger', 'verify']);
      expect(verified.ok).toBe(true);
      expect(verified.events).toBeGreaterThan(15);
      // About thirty CLI processes (and a server): generous for a loaded two-core CI machine.
    }, 180_000);
  },
);

describe('read-only commands without a database (built CLI)', () => {
  it('say where they looked and create nothing', async () => {
    const dir = makeTempDir('slipway-empty-');
    const env = { SLIPWAY_DATABASE_URL: '', SLIPWAY_SERVER: '' };
    for (const args of [['status'], ['ledger', 'list'], ['service', 'list'], ['history', 'web']]) {
      const result = await runBuiltCliAsync(args, { cwd: dir.path, env });
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(
        `no Slipway database at ${join(dir.path, '.slipway', 'slipway.db')}`,
      );
    }
    expect(readdirSync(dir.path)).toEqual([]);
  }, 60_000);

  it('answer --json usage errors with an error document too', async () => {
    const dir = makeTempDir('slipway-usage-');
    const result = await runBuiltCliAsync(['--json', 'promote'], { cwd: dir.path });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("required option '--from <env>' not specified");
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { code: 'USAGE', message: expect.stringContaining('--from') as string },
    });
  }, 60_000);
});

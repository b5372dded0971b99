import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo, makeTempDir } from '@slipway/test-utils';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';

const adminToken = 'slw_approvals-admin-token-chosen-by-the-test';
const servers: BuiltServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  cleanupTempDirs();
});

describe('slipway approve and reject against slipway serve (built CLI)', () => {
  it('the approver token decides; its own request is refused; a rejection ends the request', async () => {
    const work = makeTempDir('slipway-approve-server-');
    const server = await startBuiltServer(join(work.path, 'data'), {
      SLIPWAY_ADMIN_TOKEN: adminToken,
      SLIPWAY_DATABASE_URL: undefined,
    });
    servers.push(server);
    const repo = createGitRepo([
      {
        commit: 'feat: the shop opens',
        files: {
          'pyproject.toml': '[project]\nname = "shop"\nversion = "0.0.0"\n',
          '.gitignore': 'dist/\n',
        },
      },
    ]);
    const cli = (args: string[], token = adminToken): Promise<CliResult> =>
      runBuiltCliAsync(args, {
        cwd: repo.dir,
        env: { SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: token },
      });
    const ok = async (args: string[], token?: string): Promise<CliResult> => {
      const result = await cli(args, token);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    };
    const json = async <T>(args: string[], token?: string): Promise<T> =>
      JSON.parse((await ok([...args, '--json'], token)).stdout) as T;
    const tokenOf = async (role: string): Promise<{ id: string; secret: string }> => {
      const created = await json<{ token: { id: string }; secret: string }>([
        'token',
        'create',
        '--role',
        role,
        // Scoped: `token create` over HTTP without --service/--env sends empty lists, refused.
        '--service',
        'shop',
        ...['--env', 'dev', '--env', 'staging', '--env', 'prod'],
      ]);
      return { id: created.token.id, secret: created.secret };
    };
    const ship = async (version: string, commit: string): Promise<void> => {
      repo.git(['commit', '--allow-empty', '-q', '-m', commit]);
      const released = await runBuiltCliAsync(['release'], { cwd: repo.dir });
      expect(released.status, released.stderr).toBe(0);
      const dist = join(repo.dir, 'dist');
      rmSync(dist, { recursive: true, force: true });
      mkdirSync(dist);
      writeFileSync(join(dist, `shop-${version}.bin`), `shop ${version}\n`);
      await ok([
        'push',
        '--artifact',
        'dist',
        '--roll-forward',
        'new',
        '--roll-forward-step',
        'fix',
      ]);
      await ok(['deploy', 'shop', version, '--env', 'dev']);
      await ok(['promote', 'shop', '--from', 'dev', '--to', 'staging']);
      await ok(['check-result', 'add', 'shop', version, '--name', 'tests', '--status', 'passed']);
    };

    const carol = await tokenOf('approver');
    const dave = await tokenOf('approver');
    const developer = await tokenOf('developer');
    await ok(['service', 'add', 'shop', '--risk', 'standard', '--owner', 'team-shop']);
    const policy = join(work.path, 'policy.json');
    writeFileSync(policy, '{"overrides": []}');
    await ok(['policy', 'set', policy]);

    await ship('0.1.0', 'feat: the till');
    // carol asks for prod: the request is hers, so she may not approve it.
    const held = await cli(['promote', 'shop', '--from', 'staging', '--to', 'prod'], carol.secret);
    expect(held.status).not.toBe(0);
    const id = /change request ([0-9a-f-]{36})/.exec(held.stderr)?.[1] ?? '';
    expect(id).not.toBe('');
    const own = await cli(['approve', id], carol.secret);
    expect(own.status).not.toBe(0);
    expect(own.stderr).toContain(`token:${carol.id} requested change ${id}`);
    const noRole = await cli(['approve', id], developer.secret);
    expect(noRole.status).not.toBe(0);
    expect(noRole.stderr).toContain('role approver needed for approvals.decide');
    const approved = await json<{
      status: string;
      approvals: { approver: string; roles: string[]; comment: string }[];
    }>(['approve', id, '--comment', 'looks right'], dave.secret);
    expect(approved.status).toBe('approved');
    expect(approved.approvals).toEqual([
      expect.objectContaining({
        approver: `token:${dave.id}`,
        roles: ['approver'],
        comment: 'looks right',
      }),
    ]);
    const deployed = await json<{ environment: string; version: string; status: string }>([
      'deploy',
      '--request',
      id,
    ]);
    expect(deployed).toMatchObject({ environment: 'prod', version: '0.1.0', status: 'succeeded' });

    await ship('0.2.0', 'feat: the card reader');
    const second = await cli(['promote', 'shop', '--from', 'staging', '--to', 'prod']);
    const rejectedId = /change request ([0-9a-f-]{36})/.exec(second.stderr)?.[1] ?? '';
    const bare = await cli(['reject', rejectedId], dave.secret);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('--comment');
    const rejected = await json<{ status: string }>(
      ['reject', rejectedId, '--comment', 'not during the sale'],
      dave.secret,
    );
    expect(rejected.status).toBe('rejected');
    const after = await cli(['deploy', '--request', rejectedId]);
    expect(after.status).not.toBe(0);
    expect(after.stderr).toContain(`change request ${rejectedId} is rejected`);
    const late = await cli(['approve', rejectedId], carol.secret);
    expect(late.stderr).toContain('is rejected: no more decisions');
    const { requests } = await json<{ requests: { id: string; status: string }[] }>(['requests']);
    expect(requests.map((request) => [request.id, request.status])).toEqual([
      [rejectedId, 'rejected'],
      [id, 'deployed'],
    ]);
  }, 120_000);
});

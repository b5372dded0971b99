import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';

const adminToken = 'slw_e2e-admin-token-for-the-flags-test';
const servers: BuiltServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  cleanupTempDirs();
});

const flagFile = {
  flags: {
    'new-checkout': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' },
    theme: {
      state: 'ENABLED',
      variants: { light: 'light', dark: 'dark' },
      defaultVariant: 'light',
    },
  },
  metadata: { team: 'payments' },
};

interface StoredFlag {
  key: string;
  version: number;
  definition: { state: string; defaultVariant?: string | null; targeting?: unknown };
}

describe.each(['embedded', 'server'] as const)('slipway flags (%s)', (mode) => {
  it('imports, sets, rolls out, kills and exports flags, each change audited', async () => {
    const work = makeTempDir('slipway-flags-cli-');
    const dataDir = join(work.path, 'data');
    let env: Record<string, string> = { SLIPWAY_ACTOR: 'flag-owner', SLIPWAY_SERVICE: 'shop' };
    let server: BuiltServer | undefined;
    if (mode === 'server') {
      server = await startBuiltServer(dataDir, {
        SLIPWAY_ADMIN_TOKEN: adminToken,
        SLIPWAY_DATABASE_URL: undefined,
      });
      servers.push(server);
      env = { ...env, SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: adminToken };
    }
    const cli = (args: string[]): Promise<CliResult> =>
      runBuiltCliAsync([...args, ...(mode === 'embedded' ? ['--data-dir', dataDir] : [])], {
        cwd: work.path,
        env,
      });
    const ok = async (args: string[]): Promise<CliResult> => {
      const result = await cli(args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    };
    const json = async <T>(args: string[]): Promise<T> =>
      JSON.parse((await ok([...args, '--json'])).stdout) as T;

    await ok(['service', 'add', 'shop', '--lifecycle', 'dev,prod']);
    writeFileSync(join(work.path, 'flags.json'), JSON.stringify(flagFile));
    const report = await json<{ changed: string[] }>([
      'flags',
      'import',
      'flags.json',
      '--env',
      'prod',
    ]);
    expect(report.changed).toEqual(['new-checkout', 'theme']);

    // An invalid file: refused with flag and field named, and nothing changes.
    writeFileSync(
      join(work.path, 'broken.json'),
      JSON.stringify({
        flags: {
          theme: { state: 'ENABLED', variants: { light: 'light' }, defaultVariant: 'dark' },
          'new-checkout': { state: 'OFF', variants: { on: true }, defaultVariant: 'on' },
        },
      }),
    );
    const refused = await cli(['flags', 'import', 'broken.json', '--env', 'prod']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/flag "new-checkout", field "state"/);
    expect(refused.stderr).toMatch(/flag "theme", field "defaultVariant"/);

    const set = await json<StoredFlag>([
      'flags',
      'set',
      'dark-mode',
      '--env',
      'prod',
      '--state',
      'ENABLED',
      '--variants',
      '{"on":true,"off":false}',
      '--default-variant',
      'off',
    ]);
    expect(set).toMatchObject({ key: 'dark-mode', version: 1 });

    await ok([
      'flags',
      'rollout',
      'new-checkout',
      '--env',
      'prod',
      '--to',
      '5%',
      '--variant',
      'on',
    ]);
    const at25 = await json<StoredFlag>([
      'flags',
      'rollout',
      'new-checkout',
      '--env',
      'prod',
      '--to',
      '25%',
    ]);
    expect(at25.definition.targeting).toEqual({
      fractional: [
        ['on', 2500],
        ['off', 7500],
      ],
    });
    const listed = await ok(['flags', 'list', '--env', 'prod']);
    expect(listed.stdout).toMatch(/new-checkout ENABLED default=off rollout 25% on \(from off\)/);

    const killed = await json<StoredFlag>(['flags', 'kill', 'new-checkout', '--env', 'prod']);
    expect(killed.definition.state).toBe('DISABLED');
    const history = await json<{ versions: { version: number; change: string }[] }>([
      'flags',
      'get',
      'new-checkout',
      '--env',
      'prod',
      '--history',
    ]);
    expect(history.versions.map((v) => v.change)).toEqual(['import', 'rollout', 'rollout', 'kill']);

    await ok(['flags', 'export', '--env', 'prod', '--output', 'out.json']);
    const exported = JSON.parse(readFileSync(join(work.path, 'out.json'), 'utf8')) as {
      flags: Record<string, StoredFlag['definition']>;
      metadata: unknown;
    };
    expect(Object.keys(exported.flags).sort()).toEqual(['dark-mode', 'new-checkout', 'theme']);
    expect(exported.flags['new-checkout']?.state).toBe('DISABLED');
    expect(exported.metadata).toEqual({ team: 'payments' });

    const events = await json<{ events: { type: string; actor: string }[] }>([
      'ledger',
      'list',
      '--type',
      'flag.killed',
    ]);
    expect(events.events).toHaveLength(1);
    expect(events.events[0]?.actor).toMatch(mode === 'embedded' ? /^flag-owner$/ : /^token:/);

    const stale = await json<{ flags: { key: string; serves: Record<string, string | null> }[] }>([
      'flags',
      'stale',
      '--days',
      '0',
    ]);
    expect(stale.flags).toContainEqual(
      expect.objectContaining({ key: 'theme', serves: { prod: 'light' } }),
    );

    const created = await json<{ secret: string; key: { service: string; env: string } }>([
      'flags',
      'client-key',
      'create',
      '--env',
      'prod',
    ]);
    expect(created.key).toMatchObject({ service: 'shop', env: 'prod' });
    if (server !== undefined) {
      // The key alone names service and environment at /ofrep/v1.
      const answer = await fetch(`${server.url}/ofrep/v1/evaluate/flags/theme`, {
        method: 'POST',
        headers: { 'x-api-key': created.secret, 'content-type': 'application/json' },
        body: JSON.stringify({ context: { targetingKey: 'u1' } }),
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ key: 'theme', value: 'light', variant: 'light' });
      const file = await fetch(`${server.url}/flags/shop/prod/flagd.json`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(file.status).toBe(200);
      expect(file.headers.get('etag')).toMatch(/^"/);

      // A scheduled ramp: the server runs its steps (one second apart) on its own.
      const scheduled = await json<{ id: string; status: string }>([
        'flags',
        'ramp',
        'schedule',
        'dark-mode',
        '--env',
        'prod',
        '--variant',
        'on',
        '--steps',
        '20,40',
        '--every',
        '1s',
      ]);
      expect(scheduled.status).toBe('active');
      let ramps: { id: string; status: string }[] = [];
      for (let tries = 0; tries < 100; tries += 1) {
        ({ ramps } = await json<{ ramps: { id: string; status: string }[] }>([
          'flags',
          'ramp',
          'list',
          '--env',
          'prod',
        ]));
        if (ramps[0]?.status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(ramps[0]).toMatchObject({ id: scheduled.id, status: 'done' });
      const ramped = await json<StoredFlag>(['flags', 'get', 'dark-mode', '--env', 'prod']);
      expect(ramped.definition.targeting).toEqual({
        fractional: [
          ['on', 4000],
          ['off', 6000],
        ],
      });
    }
  }, 120_000);
});

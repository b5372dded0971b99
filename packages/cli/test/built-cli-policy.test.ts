import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_IDENTITY, cleanupTempDirs, createGitRepo, makeTempDir } from '@slipway/test-utils';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

const day = 86_400_000;

describe('policy, approvals and break-glass through the built CLI', () => {
  it('low risk deploys after its tests; high risk waits for two approvals; break-glass leaves a review', async () => {
    const work = makeTempDir('slipway-policy-cli-');
    const dataDir = join(work.path, 'data');
    const repo = createGitRepo([
      {
        commit: 'feat: the shop opens',
        files: {
          'pyproject.toml': '[project]\nname = "shop"\nversion = "0.0.0"\n',
          '.gitignore': 'dist/\n',
        },
      },
    ]);
    const cli = (args: string[], actor = 'rita'): Promise<CliResult> =>
      runBuiltCliAsync([...args, ...(args[0] === 'release' ? [] : ['--data-dir', dataDir])], {
        cwd: repo.dir,
        env: { SLIPWAY_ACTOR: actor },
      });
    const ok = async (args: string[], actor?: string): Promise<CliResult> => {
      const result = await cli(args, actor);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    };
    const refused = async (args: string[], actor?: string): Promise<CliResult> => {
      const result = await cli(args, actor);
      expect(result.status, `${args.join(' ')}: ${result.stdout}`).not.toBe(0);
      return result;
    };
    const json = async <T>(args: string[], actor?: string): Promise<T> =>
      JSON.parse((await ok([...args, '--json'], actor)).stdout) as T;
    /** Tags a release, builds one artifact and pushes it; the first carries a roll-forward plan. */
    const ship = async (version: string): Promise<void> => {
      await ok(['release']);
      const dist = join(repo.dir, 'dist');
      rmSync(dist, { recursive: true, force: true });
      mkdirSync(dist);
      writeFileSync(join(dist, `shop-${version}.bin`), `shop ${version}\n`);
      await ok([
        'push',
        '--artifact',
        'dist',
        '--roll-forward',
        'first release',
        '--roll-forward-step',
        'fix forward',
      ]);
      await ok(['deploy', 'shop', version, '--env', 'dev']);
      await ok(['promote', 'shop', '--from', 'dev', '--to', 'staging']);
    };
    const writePolicy = (document: unknown): string => {
      const file = join(work.path, 'policy.json');
      writeFileSync(file, JSON.stringify(document));
      return file;
    };

    await ok(['service', 'add', 'shop', '--risk', 'low', '--owner', 'team-shop'], 'admin');
    expect((await ok(['policy', 'show'])).stdout).toContain('no policy stored');
    await ok(['policy', 'set', writePolicy({ overrides: [] })], 'admin');

    // Low risk: refused without its tests (nothing changes), deployed once they pass.
    await ship('0.1.0');
    const untested = await refused(['promote', 'shop', '--from', 'staging', '--to', 'prod']);
    expect(untested.stderr).toContain('required check tests has no result for 0.1.0');
    await ok(
      [
        'check-result',
        'add',
        'shop',
        '0.1.0',
        '--name',
        'tests',
        '--status',
        'passed',
        '--url',
        'https://ci.example/1',
      ],
      'ci',
    );
    const allowed = await ok(['policy', 'check', 'shop', '0.1.0', '--env', 'prod']);
    expect(allowed.stdout).toContain('shop 0.1.0 → prod: allow');
    // autoDeploy: the passing check deployed it to prod by itself.
    const { deployments } = await json<{
      deployments: { environment: string; version: string; actor: string }[];
    }>(['history', 'shop', '--env', 'prod']);
    expect(deployments).toEqual([
      expect.objectContaining({ version: '0.1.0', actor: 'slipway:auto-deploy' }),
    ]);

    // High risk: evidence first, then a change request that needs two approvers.
    await ok(['service', 'set', 'shop', '--risk', 'high'], 'admin');
    repo.git(['commit', '--allow-empty', '-q', '-m', 'feat: the shop takes cards']);
    await ship('0.2.0');
    for (const name of ['tests', 'security-scan', 'provenance', 'sbom']) {
      await ok(
        ['check-result', 'add', 'shop', '0.2.0', '--name', name, '--status', 'passed'],
        'ci',
      );
    }
    const held = await refused(['promote', 'shop', '--from', 'staging', '--to', 'prod']);
    const id = /change request ([0-9a-f-]{36})/.exec(held.stderr)?.[1] ?? '';
    expect(held.stderr).toContain(`needs approval: change request ${id}`);
    const check = await refused(['policy', 'check', 'shop', '0.2.0', '--env', 'prod']);
    expect(check.stdout).toContain('needs approval');
    const { requests } = await json<{ requests: { id: string; status: string }[] }>(['requests']);
    expect(requests).toEqual([expect.objectContaining({ id, status: 'open' })]);
    expect((await ok(['request', 'show', id])).stdout).toContain(
      'runs in prod now: 0.1.0 (rollback target',
    );

    const self = await refused(['approve', id]);
    expect(self.stderr).toContain('rita requested change');
    expect(self.stderr).toContain('separation of duties');
    // The release's commit authors (and co-authors) may not approve it either.
    const recorded = await json<{ since: string; authors: { name: string; email: string }[] }>(
      ['authors', 'shop', '0.2.0'],
      'ci',
    );
    expect(recorded).toEqual({
      since: 'v0.1.0',
      authors: [{ name: TEST_IDENTITY.name, email: TEST_IDENTITY.email }],
    });
    for (const author of [TEST_IDENTITY.email, TEST_IDENTITY.name]) {
      const refusedAuthor = await refused(['approve', id], author);
      expect(refusedAuthor.stderr).toContain('is an author of shop 0.2.0');
    }
    expect((await ok(['request', 'show', id])).stdout).toContain(
      `commit author: ${TEST_IDENTITY.name} <${TEST_IDENTITY.email}>`,
    );
    await ok(['approve', id, '--comment', 'evidence complete'], 'carol');
    expect((await refused(['approve', id], 'carol')).stderr).toContain('one person counts once');
    const approved = await json<{ status: string; approvals: unknown[] }>(['approve', id], 'dave');
    expect(approved).toMatchObject({ status: 'approved' });
    expect(approved.approvals).toHaveLength(2);
    const deployed = await json<{ version: string; status: string }>(['deploy', '--request', id]);
    expect(deployed).toMatchObject({ version: '0.2.0', status: 'succeeded' });

    // A freeze: refused, then break-glass with a reason deploys and opens a review.
    const now = Date.now();
    const freeze = {
      kind: 'dates',
      from: new Date(now - day).toISOString().slice(0, 10),
      to: new Date(now + 2 * day).toISOString().slice(0, 10),
      timeZone: 'UTC',
      name: 'year-end',
    };
    await ok(
      [
        'policy',
        'set',
        writePolicy({
          overrides: [
            { environment: 'prod', rules: { freezeWindows: [freeze], requiredApprovals: 0 } },
          ],
        }),
      ],
      'admin',
    );
    repo.git(['commit', '--allow-empty', '-q', '-m', 'fix: the till rounds correctly']);
    await ship('0.2.1');
    for (const name of ['tests', 'security-scan', 'provenance', 'sbom']) {
      await ok(
        ['check-result', 'add', 'shop', '0.2.1', '--name', name, '--status', 'passed'],
        'ci',
      );
    }
    const frozen = await refused(['promote', 'shop', '--from', 'staging', '--to', 'prod']);
    expect(frozen.stderr).toContain('prod is frozen: "year-end"');
    const noReason = await cli([
      'promote',
      'shop',
      '--from',
      'staging',
      '--to',
      'prod',
      '--break-glass',
    ]);
    expect(noReason.status).toBe(2);
    await ok([
      'promote',
      'shop',
      '--from',
      'staging',
      '--to',
      'prod',
      '--break-glass',
      '--reason',
      'card payments fail',
    ]);
    const { reviews } = await json<{
      reviews: { id: string; overdue: boolean; reason: string; owner: string }[];
    }>(['reviews']);
    expect(reviews).toEqual([
      expect.objectContaining({ overdue: false, reason: 'card payments fail', owner: 'team-shop' }),
    ]);
    const later = new Date(now + 4 * day).toISOString();
    const overdue = await json<{ reviews: { id: string }[] }>([
      'reviews',
      '--overdue',
      '--as-of',
      later,
    ]);
    expect(overdue.reviews.map((review) => review.id)).toEqual([reviews[0]?.id]);
    await ok([
      'reviews',
      'close',
      reviews[0]?.id ?? '',
      '--summary',
      'card provider outage; retries added',
    ]);
    expect((await json<{ reviews: unknown[] }>(['reviews'])).reviews).toEqual([]);
  }, 120_000);
});

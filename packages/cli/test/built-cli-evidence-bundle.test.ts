import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import { cleanupEvidenceProjects, createEvidenceProject } from './evidence-project.js';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';

afterEach(cleanupEvidenceProjects);

describe.each(['embedded', 'server'] as const)('the evidence bundle of a release (%s)', (mode) => {
  it('is exported after dev → staging, verifies elsewhere with only the public key, and imports once', async () => {
    const { work, dataDir, repo, env } = await createEvidenceProject({
      mode,
      tempPrefix: 'slipway-evidence-e2e-',
      commit: 'feat: the shop opens (#1)\n\nReviewed-by: Grace <grace@example.com>',
      adminToken: 'slw_evidence-admin-token-chosen-by-the-test',
    });
    const controlPlaneCommands = new Set(['service', 'push', 'deploy', 'promote', 'evidence']);
    const cli = (args: string[], cwd = repo.dir): Promise<CliResult> => {
      const dataArgs =
        mode === 'embedded' &&
        controlPlaneCommands.has(args[0] ?? '') &&
        args[1] !== 'verify' &&
        args[1] !== 'import'
          ? ['--data-dir', dataDir]
          : [];
      return runBuiltCliAsync([...args, ...dataArgs], { cwd, env });
    };
    const ok = async (args: string[], cwd?: string): Promise<CliResult> => {
      const result = await cli(args, cwd);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    };

    await ok(['keys', 'generate', '--out', join(work.path, 'keys')]);
    await ok(['service', 'add', 'shop']);
    await ok(['release']);
    mkdirSync(join(repo.dir, 'dist'));
    writeFileSync(join(repo.dir, 'dist', 'shop-0.1.0-py3-none-any.whl'), 'shop wheel 0.1.0');
    await ok([
      'attest',
      'dist/shop-0.1.0-py3-none-any.whl',
      '--key',
      join(work.path, 'keys', 'slipway.key'),
      '--out',
      'attestations',
    ]);
    await ok(['push']);
    await ok(['deploy', 'shop', '0.1.0', '--env', 'dev']);
    await ok(['promote', 'shop', '--from', 'dev', '--to', 'staging']);

    const bundle = join(work.path, 'bundle');
    await ok([
      'evidence',
      'export',
      'shop',
      '0.1.0',
      '--out',
      bundle,
      '--attestations',
      'attestations',
      '--key',
      join(work.path, 'keys', 'slipway.key'),
    ]);
    const report = readFileSync(join(bundle, 'report.md'), 'utf8');
    expect(report).toContain('# Release evidence: shop 0.1.0');
    expect(report).toContain('| dev | deploy |');
    expect(report).toContain('| staging | promote |');
    expect(report).toContain('No change record.');

    // A fresh directory: the bundle and the public key, nothing else.
    const fresh = makeTempDir('slipway-evidence-fresh-');
    cpSync(bundle, join(fresh.path, 'bundle'), { recursive: true });
    cpSync(join(work.path, 'keys', 'slipway.pub'), join(fresh.path, 'slipway.pub'));
    const verified = await ok(['evidence', 'verify', 'bundle', '--key', 'slipway.pub'], fresh.path);
    expect(verified.stdout).toContain('verified shop 0.1.0: 4 items');
    const imported = await ok(
      ['evidence', 'import', 'bundle', '--key', 'slipway.pub', '--json'],
      fresh.path,
    );
    expect((JSON.parse(imported.stdout) as { storedAt: string }).storedAt).toBe(
      join(fresh.path, '.slipway', 'evidence', 'shop', '0.1.0'),
    );

    // The same bundle as one tar file verifies too.
    const tar = join(work.path, 'shop-0.1.0-evidence.tar');
    await ok([
      'evidence',
      'export',
      'shop',
      '0.1.0',
      '--out',
      tar,
      '--attestations',
      'attestations',
      '--key',
      join(work.path, 'keys', 'slipway.key'),
    ]);
    cpSync(tar, join(fresh.path, 'bundle.tar'));
    await ok(['evidence', 'verify', 'bundle.tar', '--key', 'slipway.pub'], fresh.path);

    const manifest = JSON.parse(
      readFileSync(join(fresh.path, 'bundle', 'manifest.json'), 'utf8'),
    ) as { items: { path: string }[] };
    const first = manifest.items[0]?.path ?? '';
    writeFileSync(join(fresh.path, 'bundle', first), 'tampered');
    const refused = await cli(['evidence', 'verify', 'bundle', '--key', 'slipway.pub'], fresh.path);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`ITEM_DIGEST: ${first}`);
  });
});

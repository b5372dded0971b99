import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import {
  cleanupEvidenceProjects,
  createEvidenceProject,
  evidenceCli,
  evidencePolicyFile,
} from './evidence-project.js';
import { runBuiltCliAsync } from './run-built-cli.js';

afterEach(cleanupEvidenceProjects);

describe.each(['embedded', 'server'] as const)(
  'evidence stored with the control plane and verified there at promotion (%s)',
  (mode) => {
    it('refuses a tampered bundle on push and its promotion; stores, promotes and serves back an intact one', async () => {
      const project = await createEvidenceProject({
        mode,
        tempPrefix: 'slipway-evidence-push-',
        commit: 'feat: the shop opens',
        adminToken: 'slw_evidence-push-admin-token-chosen-by-the-test',
        trustKeys: true,
      });
      const { work, keys, repo } = project;
      const { cli, ok, wheel, build } = evidenceCli(project, mode, new Set(['release', 'attest']));
      const releaseBuilt = async (version: string, tamper: boolean): Promise<string> => {
        await ok(['release']);
        build(version);
        const key = join(keys, 'slipway.key');
        await ok(['attest', wheel(version), '--key', key, '--out', 'attestations']);
        if (tamper) {
          const bytes = readFileSync(wheel(version));
          bytes[0] = (bytes[0] ?? 0) ^ 0x01;
          writeFileSync(wheel(version), bytes);
        }
        await ok(['push']);
        await ok(['deploy', 'shop', version, '--env', 'dev']);
        // The tampered one goes as a directory, the intact one as the .tar: push takes both.
        const out = join(work.path, tamper ? `bundle-${version}` : `bundle-${version}.tar`);
        await ok([
          'evidence',
          'export',
          'shop',
          version,
          '--out',
          out,
          '--attestations',
          'attestations',
          '--key',
          key,
        ]);
        return out;
      };

      await ok(['service', 'add', 'shop']);
      await ok(['policy', 'set', evidencePolicyFile(work.path, 'staging')]);

      // 0.1.0: one byte of the wheel changed after it was attested.
      const tampered = await releaseBuilt('0.1.0', true);
      const pushed = await cli(['evidence', 'push', 'shop', '0.1.0', tampered]);
      expect(pushed.status).toBe(1);
      expect(pushed.stderr).toContain("does not verify with the server's trusted keys");
      expect(pushed.stderr).toContain('SUBJECT_DIGEST');
      const refused = await cli(['promote', 'shop', '--from', 'dev', '--to', 'staging']);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('required check provenance is failed');
      const recorded = (await ok(['check-result', 'list', 'shop', '0.1.0', '--json'])).stdout;
      expect(recorded).toContain('no evidence bundle is stored on the server for shop 0.1.0');

      // 0.1.1: intact; stored, verified again at promotion, and served back.
      repo.git(['commit', '--allow-empty', '-q', '-m', 'fix: the till rounds correctly']);
      const intact = await releaseBuilt('0.1.1', false);
      const stored = await ok(['evidence', 'push', 'shop', '0.1.1', intact, '--json']);
      expect(JSON.parse(stored.stdout)).toMatchObject({
        evidence: { service: 'shop', version: '0.1.1' },
        checks: [
          { name: 'provenance', status: 'passed' },
          { name: 'sbom', status: 'passed' },
        ],
      });
      await ok(['promote', 'shop', '--from', 'dev', '--to', 'staging']);

      const fresh = makeTempDir('slipway-evidence-push-fresh-');
      try {
        const fetched = join(fresh.path, 'fetched.tar');
        await ok(['evidence', 'pull', 'shop', '0.1.1', '--out', fetched]);
        expect(readFileSync(fetched).equals(readFileSync(intact))).toBe(true);
        cpSync(join(keys, 'slipway.pub'), join(fresh.path, 'slipway.pub'));
        const verified = await runBuiltCliAsync(
          ['evidence', 'verify', 'fetched.tar', '--key', 'slipway.pub'],
          { cwd: fresh.path, env: {} },
        );
        expect(verified.stderr).toBe('');
        expect(verified.stdout).toContain('verified shop 0.1.1');
      } finally {
        fresh.cleanup();
      }
    });
  },
);

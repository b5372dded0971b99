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

afterEach(cleanupEvidenceProjects);

describe.each(['embedded', 'server'] as const)(
  'promotion gated on verified evidence (%s)',
  (mode) => {
    it('refuses a tampered artifact with the reason recorded, and promotes an intact one', async () => {
      const project = await createEvidenceProject({
        mode,
        tempPrefix: 'slipway-evidence-gate-',
        commit: 'feat: the shop opens',
        adminToken: 'slw_evidence-gate-admin-token-chosen-by-the-test',
      });
      const { work, keys, repo } = project;
      const local = new Set(['keys', 'release', 'attest']);
      const { cli, ok, wheel, build } = evidenceCli(project, mode, local);
      const exportBundle = async (version: string): Promise<string> => {
        const out = join(work.path, `bundle-${version}`);
        await ok([
          'evidence',
          'export',
          'shop',
          version,
          '--out',
          out,
          '--attestations',
          'attestations',
        ]);
        return out;
      };

      await ok(['keys', 'generate', '--out', keys]);
      await ok(['service', 'add', 'shop']);
      await ok(['policy', 'set', evidencePolicyFile(work.path, 'staging')]);

      // 0.1.0: attested, then one byte of the wheel changes before it is pushed.
      await ok(['release']);
      build('0.1.0');
      await ok([
        'attest',
        wheel('0.1.0'),
        '--key',
        join(keys, 'slipway.key'),
        '--out',
        'attestations',
      ]);
      const bytes = readFileSync(wheel('0.1.0'));
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      writeFileSync(wheel('0.1.0'), bytes);
      await ok(['push']);
      await ok(['deploy', 'shop', '0.1.0', '--env', 'dev']);
      const tampered = await exportBundle('0.1.0');
      const fresh = makeTempDir('slipway-evidence-gate-fresh-');
      cpSync(tampered, join(fresh.path, 'bundle'), { recursive: true });
      const check = await cli([
        'evidence',
        'check',
        join(fresh.path, 'bundle'),
        '--key',
        join(keys, 'slipway.pub'),
      ]);
      expect(check.status).toBe(1);
      expect(check.stdout).toContain('provenance: failed for shop 0.1.0');
      expect(check.stderr).toContain('SUBJECT_DIGEST');
      const refused = await cli(['promote', 'shop', '--from', 'dev', '--to', 'staging']);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('provenance');
      const recorded = JSON.parse(
        (await ok(['check-result', 'list', 'shop', '0.1.0', '--json'])).stdout,
      ) as unknown;
      expect(JSON.stringify(recorded)).toContain('SUBJECT_DIGEST');

      // 0.1.1: intact; the same checks pass and the promotion goes through.
      repo.git(['commit', '--allow-empty', '-q', '-m', 'fix: the till rounds correctly']);
      await ok(['release']);
      build('0.1.1');
      await ok([
        'attest',
        wheel('0.1.1'),
        '--key',
        join(keys, 'slipway.key'),
        '--out',
        'attestations',
      ]);
      await ok(['push']);
      await ok(['deploy', 'shop', '0.1.1', '--env', 'dev']);
      const intact = await exportBundle('0.1.1');
      const passed = await ok(['evidence', 'check', intact, '--key', join(keys, 'slipway.pub')]);
      expect(passed.stdout).toContain('provenance: passed for shop 0.1.1');
      expect(passed.stdout).toContain('sbom: passed for shop 0.1.1');
      await ok(['promote', 'shop', '--from', 'dev', '--to', 'staging']);
    });
  },
);

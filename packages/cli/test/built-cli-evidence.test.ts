import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitRepo, makeTempDir } from '@slipway/test-utils';
import type { GitRepo, TempDir } from '@slipway/test-utils';
import {
  expectValidCycloneDx,
  expectValidSpdx,
} from '../../core/test/evidence/validate-documents.js';
import { runBuiltCli } from './run-built-cli.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../engine/test/evidence/fixtures/${name}`, import.meta.url), 'utf8');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const ciEnv = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/demo',
  GITHUB_WORKFLOW_REF: 'acme/demo/.github/workflows/release.yml@refs/heads/main',
  GITHUB_RUN_ID: '42',
  GITHUB_REF: 'refs/heads/main',
  SOURCE_DATE_EPOCH: '',
};

function pythonProject(): { repo: GitRepo; wheel: string } {
  const repo = createGitRepo([
    {
      commit: 'feat: demo',
      files: { 'pyproject.toml': fixture('pyproject.toml'), 'uv.lock': fixture('uv.lock') },
    },
  ]);
  cleanups.push(() => repo.cleanup());
  mkdirSync(join(repo.dir, 'dist'));
  const wheel = join(repo.dir, 'dist', 'demo_app-1.2.0-py3-none-any.whl');
  writeFileSync(wheel, 'wheel bytes');
  return { repo, wheel };
}

function tempDir(): string {
  const dir: TempDir = makeTempDir('slipway-cli-evidence-');
  cleanups.push(() => dir.cleanup());
  return dir.path;
}

describe('slipway sbom', () => {
  it('prints a valid CycloneDX SBOM, the same bytes twice, and writes SPDX with --out', async () => {
    const { repo } = pythonProject();
    const first = runBuiltCli(['sbom', '--artifact', 'dist/demo_app-1.2.0-py3-none-any.whl'], {
      cwd: repo.dir,
      env: ciEnv,
    });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    await expectValidCycloneDx(first.stdout);
    const second = runBuiltCli(['sbom', '--artifact', 'dist/demo_app-1.2.0-py3-none-any.whl'], {
      cwd: repo.dir,
      env: ciEnv,
    });
    expect(second.stdout).toBe(first.stdout);

    const out = runBuiltCli(['sbom', '--format', 'spdx', '--out', 'sbom.spdx.json'], {
      cwd: repo.dir,
      env: ciEnv,
    });
    expect(out.status).toBe(0);
    expectValidSpdx(readFileSync(join(repo.dir, 'sbom.spdx.json'), 'utf8'));
  });
});

describe('slipway keys, attest, verify', () => {
  it('signs a wheel and verifies it offline with only the public key; a changed byte exits 1 with the reason', () => {
    const { repo, wheel } = pythonProject();
    const keys = tempDir();
    expect(runBuiltCli(['keys', 'generate', '--out', keys]).status).toBe(0);

    const attest = runBuiltCli(['attest', wheel, '--key', join(keys, 'slipway.key'), '--json'], {
      cwd: repo.dir,
      env: ciEnv,
    });
    expect(attest.stderr).toBe('');
    expect(attest.status).toBe(0);
    expect(readFileSync(`${wheel}.intoto.jsonl`, 'utf8').trimEnd().split('\n')).toHaveLength(2);

    // A fresh directory holding only the artifact, its bundle and the public key.
    const fresh = tempDir();
    writeFileSync(join(fresh, 'demo.whl'), readFileSync(wheel));
    writeFileSync(join(fresh, 'demo.whl.sigstore.json'), readFileSync(`${wheel}.sigstore.json`));
    writeFileSync(join(fresh, 'slipway.pub'), readFileSync(join(keys, 'slipway.pub')));
    const expectations = [
      '--builder-id',
      'https://github.com/acme/demo/.github/workflows/release.yml@refs/heads/main',
      '--source-repository',
      'https://github.com/acme/demo',
    ];
    const ok = runBuiltCli(['verify', 'demo.whl', '--key', 'slipway.pub', ...expectations], {
      cwd: fresh,
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /^verified sha256:[0-9a-f]{64} \(signature, subject digest, predicate type, builder id, source repository\)/,
    );

    const bytes = readFileSync(join(fresh, 'demo.whl'));
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    writeFileSync(join(fresh, 'demo.whl'), bytes);
    const tampered = runBuiltCli(['verify', 'demo.whl', '--key', 'slipway.pub', '--json'], {
      cwd: fresh,
    });
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/SUBJECT_DIGEST: no subject has sha256/);
    expect(
      (JSON.parse(tampered.stdout) as { failures: { code: string }[] }).failures.map((f) => f.code),
    ).toEqual(['SUBJECT_DIGEST']);

    const wrongRepo = runBuiltCli(
      [
        'verify',
        `sha256:${JSON.parse(attest.stdout).artifacts[0].sha256}`,
        '--bundle',
        'demo.whl.sigstore.json',
        '--key',
        'slipway.pub',
        '--source-repository',
        'https://github.com/evil/demo',
      ],
      { cwd: fresh },
    );
    expect(wrongRepo.status).toBe(1);
    expect(wrongRepo.stderr).toMatch(
      /SOURCE_REPOSITORY: source repository is https:\/\/github.com\/acme\/demo, expected https:\/\/github.com\/evil\/demo/,
    );
  });

  it('verifies the SBOM statement from the .intoto.jsonl by predicate type', () => {
    const { repo, wheel } = pythonProject();
    const keys = tempDir();
    runBuiltCli(['keys', 'generate', '--out', keys, '--type', 'ed25519']);
    expect(
      runBuiltCli(['attest', wheel, '--key', join(keys, 'slipway.key')], {
        cwd: repo.dir,
        env: ciEnv,
      }).status,
    ).toBe(0);
    const result = runBuiltCli(
      [
        'verify',
        wheel,
        '--key',
        join(keys, 'slipway.pub'),
        '--bundle',
        `${wheel}.intoto.jsonl`,
        '--predicate-type',
        'https://cyclonedx.org/bom',
      ],
      { cwd: repo.dir },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

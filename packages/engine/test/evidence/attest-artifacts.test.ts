import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { slsaProvenanceType } from '@slipway/core';
import type { StatementExpectations } from '@slipway/core';
import {
  attestArtifacts,
  cycloneDxPredicateType,
  readPrivateKey,
  readPublicKey,
  sha256File,
  verifyAttestation,
  writeKeyPair,
} from '@slipway/engine';
import type { SigningKeyType } from '@slipway/engine';
import { createGitRepo } from '@slipway/test-utils';
import type { GitRepo } from '@slipway/test-utils';
import { expectValidCycloneDx } from '../../../core/test/evidence/validate-documents.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

const githubEnv = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/demo',
  GITHUB_WORKFLOW_REF: 'acme/demo/.github/workflows/release.yml@refs/heads/main',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REF: 'refs/heads/main',
};
const builderId = 'https://github.com/acme/demo/.github/workflows/release.yml@refs/heads/main';

interface Project {
  repo: GitRepo;
  wheel: string;
  keyDir: string;
}

function project(type: SigningKeyType = 'ecdsa-p256'): Project {
  const repo = createGitRepo([
    {
      commit: 'feat: demo',
      files: { 'pyproject.toml': fixture('pyproject.toml'), 'uv.lock': fixture('uv.lock') },
    },
  ]);
  repos.push(repo);
  repo.git(['remote', 'add', 'origin', 'git@github.com:acme/demo.git']);
  mkdirSync(join(repo.dir, 'dist'));
  const wheel = join(repo.dir, 'dist', 'demo_app-1.2.0-py3-none-any.whl');
  writeFileSync(wheel, 'PK\u0003\u0004 not really a wheel, but bytes to digest');
  const keyDir = join(repo.dir, '.keys');
  writeKeyPair(keyDir, type);
  return { repo, wheel, keyDir };
}

function fixedClock(): () => Date {
  let tick = 0;
  return () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5 + tick++));
}

async function attest(p: Project, outDir?: string) {
  const [result] = await attestArtifacts({
    artifacts: [p.wheel],
    cwd: p.repo.dir,
    privateKey: readPrivateKey(join(p.keyDir, 'slipway.key')),
    env: githubEnv,
    toolVersion: '0.0.0',
    clock: fixedClock(),
    ...(outDir === undefined ? {} : { outDir }),
  });
  if (result === undefined) throw new Error('one artifact in, one result out');
  return result;
}

async function expectations(p: Project): Promise<StatementExpectations> {
  return {
    sha256: await sha256File(p.wheel),
    predicateType: slsaProvenanceType,
    builderId,
    repository: 'https://github.com/acme/demo',
  };
}

function codes(p: Project, bundleText: string, expected: StatementExpectations): string[] {
  const publicKey = readPublicKey(join(p.keyDir, 'slipway.pub'));
  return verifyAttestation(bundleText, 'bundle', publicKey, expected).failures.map((f) => f.code);
}

describe('attestArtifacts', () => {
  it('writes a Sigstore bundle and an in-toto JSON Lines file that verify offline', async () => {
    const p = project();
    const result = await attest(p);
    expect(result.bundlePath).toBe(`${p.wheel}.sigstore.json`);
    const bundle = JSON.parse(readFileSync(result.bundlePath, 'utf8')) as {
      mediaType: string;
      dsseEnvelope: { payload: string };
    };
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(codes(p, readFileSync(result.bundlePath, 'utf8'), await expectations(p))).toEqual([]);

    const lines = readFileSync(result.intotoPath, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const statements = lines.map(
      (line) =>
        JSON.parse(
          Buffer.from((JSON.parse(line) as { payload: string }).payload, 'base64').toString(),
        ) as {
          predicateType: string;
          predicate: Record<string, unknown>;
        },
    );
    expect(statements.map((s) => s.predicateType)).toEqual([
      slsaProvenanceType,
      cycloneDxPredicateType,
    ]);
    await expectValidCycloneDx(JSON.stringify(statements[1]?.predicate));
    const sbomLine = lines[1] ?? '';
    const sbomExpected = {
      sha256: await sha256File(p.wheel),
      predicateType: cycloneDxPredicateType,
    };
    expect(codes(p, sbomLine, sbomExpected)).toEqual([]);
  });

  it('records SLSA provenance v1: build type, parameters, the commit, builder and run', async () => {
    const p = project();
    const result = await attest(p);
    const bundle = JSON.parse(readFileSync(result.bundlePath, 'utf8')) as {
      dsseEnvelope: { payload: string };
    };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()) as {
      subject: unknown;
      predicate: Record<string, Record<string, unknown>>;
    };
    const head = p.repo.git(['rev-parse', 'HEAD']);
    expect(statement.subject).toEqual([
      { name: 'demo_app-1.2.0-py3-none-any.whl', digest: { sha256: await sha256File(p.wheel) } },
    ]);
    expect(statement.predicate).toEqual({
      buildDefinition: {
        buildType: 'https://slipway.dev/build-types/python-or-npm/v1',
        externalParameters: {
          repository: 'https://github.com/acme/demo',
          ref: 'refs/heads/main',
          inputs: [
            { path: 'pyproject.toml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
            { path: 'uv.lock', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
          ],
        },
        internalParameters: { ci: 'github-actions' },
        resolvedDependencies: [
          { uri: 'git+https://github.com/acme/demo@refs/heads/main', digest: { gitCommit: head } },
        ],
      },
      runDetails: {
        builder: { id: builderId },
        metadata: {
          invocationId: 'https://github.com/acme/demo/actions/runs/42/attempts/1',
          startedOn: '2024-01-02T03:04:05.000Z',
          finishedOn: '2024-01-02T03:04:06.000Z',
        },
      },
    });
  });

  it('names the work tree as the source of a local build without a remote', async () => {
    const p = project();
    p.repo.git(['remote', 'remove', 'origin']);
    const [result] = await attestArtifacts({
      artifacts: [p.wheel],
      cwd: p.repo.dir,
      privateKey: readPrivateKey(join(p.keyDir, 'slipway.key')),
      env: {},
      toolVersion: '0.0.0',
    });
    const bundle = JSON.parse(readFileSync(result?.bundlePath ?? '', 'utf8')) as {
      dsseEnvelope: { payload: string };
    };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()) as {
      predicate: {
        buildDefinition: { externalParameters: { repository: string } };
        runDetails: unknown;
      };
    };
    expect(statement.predicate.buildDefinition.externalParameters.repository).toBe(
      pathToFileURL(p.repo.dir).href,
    );
    expect(statement.predicate.runDetails).toMatchObject({
      builder: { id: 'https://slipway.dev/builders/local/v1' },
      metadata: { invocationId: expect.stringMatching(/^urn:slipway:local:[0-9a-f]{32}$/) },
    });
  });

  it('gives byte-identical files on two runs with an Ed25519 key and the same clock', async () => {
    const p = project('ed25519');
    const first = await attest(p, 'run-1');
    const second = await attest(p, 'run-2');
    expect(readFileSync(second.bundlePath, 'utf8')).toBe(readFileSync(first.bundlePath, 'utf8'));
    expect(readFileSync(second.intotoPath, 'utf8')).toBe(readFileSync(first.intotoPath, 'utf8'));
  });

  it('gives identical payloads on two runs with an ECDSA key (whose signatures are randomised)', async () => {
    const p = project();
    const payloads = async (dir: string): Promise<string[]> =>
      readFileSync((await attest(p, dir)).intotoPath, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { payload: string }).payload);
    expect(await payloads('run-2')).toEqual(await payloads('run-1'));
  });
});

describe('tampering', () => {
  async function signed(): Promise<{ p: Project; text: string; expected: StatementExpectations }> {
    const p = project();
    const result = await attest(p);
    return { p, text: readFileSync(result.bundlePath, 'utf8'), expected: await expectations(p) };
  }

  function edit(
    text: string,
    change: (bundle: { dsseEnvelope: { payload: string; signatures: { sig: string }[] } }) => void,
  ): string {
    const bundle = JSON.parse(text) as {
      dsseEnvelope: { payload: string; signatures: { sig: string }[] };
    };
    change(bundle);
    return JSON.stringify(bundle);
  }

  function flipByte(base64: string, index: number): string {
    const bytes = Buffer.from(base64, 'base64');
    bytes[index] = (bytes[index] ?? 0) ^ 0x01;
    return bytes.toString('base64');
  }

  it('a flipped byte in the artifact fails on the subject digest only', async () => {
    const { p, text } = await signed();
    const bytes = readFileSync(p.wheel);
    bytes[3] = (bytes[3] ?? 0) ^ 0x01;
    writeFileSync(p.wheel, bytes);
    expect(codes(p, text, await expectations(p))).toEqual(['SUBJECT_DIGEST']);
  });

  it('a flipped byte in the signature fails on the signature only', async () => {
    const { p, text, expected } = await signed();
    const tampered = edit(text, (b) => {
      const signature = b.dsseEnvelope.signatures[0];
      if (signature !== undefined) signature.sig = flipByte(signature.sig, 20);
    });
    expect(codes(p, tampered, expected)).toEqual(['SIGNATURE']);
  });

  it('a flipped byte in the payload fails on the signature and on what it changed', async () => {
    const { p, text, expected } = await signed();
    const tampered = edit(text, (b) => {
      const payload = Buffer.from(b.dsseEnvelope.payload, 'base64').toString();
      b.dsseEnvelope.payload = Buffer.from(payload.replace('release.yml', 'releasf.yml')).toString(
        'base64',
      );
    });
    expect(codes(p, tampered, expected)).toEqual(['SIGNATURE', 'BUILDER_ID']);
    const garbled = edit(text, (b) => {
      b.dsseEnvelope.payload = flipByte(b.dsseEnvelope.payload, 0);
    });
    expect(codes(p, garbled, expected)).toEqual(['SIGNATURE', 'PAYLOAD_MALFORMED']);
  });

  it('a flipped byte in the subject digest fails on the signature and the subject', async () => {
    const { p, text, expected } = await signed();
    const tampered = edit(text, (b) => {
      const payload = Buffer.from(b.dsseEnvelope.payload, 'base64').toString();
      const digest = expected.sha256;
      const flipped = `${digest.slice(0, 10)}${digest[10] === '0' ? '1' : '0'}${digest.slice(11)}`;
      b.dsseEnvelope.payload = Buffer.from(payload.replace(digest, flipped)).toString('base64');
    });
    expect(codes(p, tampered, expected)).toEqual(['SIGNATURE', 'SUBJECT_DIGEST']);
  });

  it('another source repository or builder than expected fails with its own reason', async () => {
    const { p, text, expected } = await signed();
    expect(codes(p, text, { ...expected, repository: 'https://github.com/evil/demo' })).toEqual([
      'SOURCE_REPOSITORY',
    ]);
    expect(codes(p, text, { ...expected, builderId: 'https://ci.evil/' })).toEqual(['BUILDER_ID']);
    expect(codes(p, text, { ...expected, predicateType: 'https://example.com/other' })).toEqual([
      'PREDICATE_TYPE',
    ]);
    expect(codes(p, '{"not":"a bundle"}', expected)).toEqual(['ENVELOPE_MALFORMED']);
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  changeRecordPredicateType,
  changeRecordSchema,
  inTotoStatementSchema,
  openVexPredicateType,
  openVexProblems,
  sarifSummaryPredicateType,
  sarifSummarySchema,
  sigstoreBundleSchema,
  slsaProvenanceSchema,
  slsaProvenanceType,
  testResultPredicateType,
  testResultSchema,
} from '@slipway/core';
import {
  attestArtifacts,
  cycloneDxPredicateType,
  readPrivateKey,
  writeKeyPair,
} from '@slipway/engine';
import { createGitRepo } from '@slipway/test-utils';
import type { GitRepo } from '@slipway/test-utils';
import {
  expectValidAgainst,
  expectValidCycloneDx,
} from '../../../core/test/evidence/validate-documents.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function project(): { repo: GitRepo; wheel: string; key: string } {
  const repo = createGitRepo([
    {
      commit: 'chore: init',
      files: { 'pyproject.toml': fixture('pyproject.toml'), 'uv.lock': fixture('uv.lock') },
    },
    { tag: 'v1.1.0' },
    {
      commit: 'feat(api): export (#12)\n\nCloses #45\n\nReviewed-by: Grace <grace@example.com>',
      files: { 'a.txt': 'a' },
    },
    { commit: 'fix: crash on empty input (#13)', files: { 'b.txt': 'b' } },
  ]);
  repos.push(repo);
  mkdirSync(join(repo.dir, 'dist'));
  const wheel = join(repo.dir, 'dist', 'demo_app-1.2.0-py3-none-any.whl');
  writeFileSync(wheel, 'wheel');
  writeFileSync(
    join(repo.dir, 'junit.xml'),
    '<testsuite><testcase classname="t" name="ok"/></testsuite>',
  );
  writeFileSync(
    join(repo.dir, 'scan.sarif'),
    JSON.stringify({
      version: '2.1.0',
      runs: [
        { tool: { driver: { name: 'bandit' } }, results: [{ ruleId: 'B101', level: 'note' }] },
      ],
    }),
  );
  writeFileSync(
    join(repo.dir, 'vex.json'),
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://acme.example/vex/1',
      author: 'Acme',
      timestamp: '2024-01-01T00:00:00Z',
      version: 1,
      statements: [{ vulnerability: { name: 'CVE-2024-0001' }, status: 'fixed' }],
    }),
  );
  writeKeyPair(join(repo.dir, '.keys'));
  return { repo, wheel, key: join(repo.dir, '.keys', 'slipway.key') };
}

describe('attest with results and a change record', () => {
  it('signs every document kind, each valid against its schema', async () => {
    const { repo, wheel, key } = project();
    const [result] = await attestArtifacts({
      artifacts: [wheel],
      cwd: repo.dir,
      privateKey: readPrivateKey(key),
      env: {},
      toolVersion: '0.0.0',
      results: {
        junit: [join(repo.dir, 'junit.xml')],
        sarif: [join(repo.dir, 'scan.sarif')],
        vex: [join(repo.dir, 'vex.json')],
      },
      changesSince: 'v1.1.0',
    });
    const bundle = JSON.parse(readFileSync(result?.bundlePath ?? '', 'utf8')) as unknown;
    expectValidAgainst(sigstoreBundleSchema, bundle);

    const statements = readFileSync(result?.intotoPath ?? '', 'utf8')
      .trimEnd()
      .split('\n')
      .map(
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
      testResultPredicateType,
      sarifSummaryPredicateType,
      openVexPredicateType,
      changeRecordPredicateType,
    ]);
    for (const statement of statements) {
      expectValidAgainst(inTotoStatementSchema, statement);
    }
    const [provenance, sbom, tests, sarif, vex, changes] = statements;
    expectValidAgainst(slsaProvenanceSchema, provenance?.predicate);
    await expectValidCycloneDx(JSON.stringify(sbom?.predicate));
    expectValidAgainst(testResultSchema, tests?.predicate);
    expectValidAgainst(sarifSummarySchema, sarif?.predicate);
    expect(openVexProblems(vex?.predicate)).toEqual([]);
    expectValidAgainst(changeRecordSchema, changes?.predicate);
    expect(changes?.predicate).toMatchObject({
      service: 'Demo_App',
      version: '1.2.0',
      previousVersion: 'v1.1.0',
      pullRequests: ['#12', '#13'],
      issues: ['#45'],
      reviewers: ['Grace <grace@example.com>'],
    });
    expect((changes?.predicate['commits'] as unknown[]).length).toBe(2);
  });

  it('refuses an invalid OpenVEX document before writing anything', async () => {
    const { repo, wheel, key } = project();
    writeFileSync(
      join(repo.dir, 'vex.json'),
      JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [] }),
    );
    await expect(
      attestArtifacts({
        artifacts: [wheel],
        cwd: repo.dir,
        privateKey: readPrivateKey(key),
        env: {},
        toolVersion: '0.0.0',
        results: { vex: [join(repo.dir, 'vex.json')] },
      }),
    ).rejects.toThrow(
      /vex.json is not valid OpenVEX: @id is required; author is required; timestamp is required/,
    );
    expect(existsSync(`${wheel}.sigstore.json`)).toBe(false);
    expect(existsSync(`${wheel}.intoto.jsonl`)).toBe(false);
  });
});

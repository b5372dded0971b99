import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changeRecordPredicateType, changeRecordSchema } from '@slipway/core';
import { attestArtifacts, readPrivateKey, writeKeyPair } from '@slipway/engine';
import { createGitRepo } from '@slipway/test-utils';
import type { GitRepo } from '@slipway/test-utils';
import { changeRecordStatement } from '../../src/features/evidence/change-record-statement.js';
import { statementsIn } from '../../src/features/evidence/bundle/statement-payloads.js';
import { expectValidAgainst } from '../../../core/test/evidence/validate-documents.js';
import {
  startForgeServer,
  type ForgeTestServer,
  type Handler,
} from '../adapters/forges/forge-test-server.js';

const repos: GitRepo[] = [];
let server: ForgeTestServer | null = null;
afterEach(async () => {
  for (const repo of repos.splice(0)) repo.cleanup();
  await server?.close();
  server = null;
});

function project(): { repo: GitRepo; wheel: string; key: string } {
  const repo = createGitRepo([
    { commit: 'chore: init', files: { 'a.txt': 'a' } },
    { tag: 'v1.1.0' },
    { commit: 'feat(api): export (#12)', files: { 'b.txt': 'b' } },
    { commit: 'fix: crash on empty input (#13)', files: { 'c.txt': 'c' } },
  ]);
  repos.push(repo);
  repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
  mkdirSync(join(repo.dir, 'dist'));
  const wheel = join(repo.dir, 'dist', 'shop-1.2.0.tgz');
  writeFileSync(wheel, 'bytes');
  writeKeyPair(join(repo.dir, '.keys'));
  return { repo, wheel, key: join(repo.dir, '.keys', 'slipway.key') };
}

const pullRequest = (number: number, author: string) => ({
  number,
  html_url: `https://github.com/acme/shop/pull/${number}`,
  title: `pull request ${number}`,
  body: number === 12 ? 'Closes #45' : '',
  user: { login: author },
  labels: [],
  requested_reviewers: [],
  merged_at: '2026-11-01T00:00:00Z',
  base: { ref: 'main', sha: 'f'.repeat(40) },
  head: { ref: `topic-${number}`, sha: 'e'.repeat(40) },
});

const github: Handler = (request) => {
  const match = /^\/repos\/acme\/shop\/pulls\/(\d+)(\/reviews)?$/.exec(request.path);
  if (match === null) return { status: 404, body: { message: 'Not Found' } };
  const number = Number(match[1]);
  if (match[2] === undefined) return { status: 200, body: pullRequest(number, 'alice') };
  const reviewer = number === 12 ? 'bob' : 'carol';
  return { status: 200, body: [{ user: { login: reviewer }, state: 'APPROVED' }] };
};

/** Attests the project's artifact with a change record since v1.1.0; its predicate. */
async function attestedChangeRecord(
  env: Record<string, string>,
): Promise<{ repo: GitRepo; predicate: Record<string, unknown> }> {
  const { repo, wheel, key } = project();
  const [result] = await attestArtifacts({
    artifacts: [wheel],
    cwd: repo.dir,
    privateKey: readPrivateKey(key),
    env,
    toolVersion: '0.0.0',
    changesSince: 'v1.1.0',
  });
  const record = statementsIn(readFileSync(result?.intotoPath ?? '', 'utf8')).find(
    (statement) => statement['predicateType'] === changeRecordPredicateType,
  );
  expect(record).toBeDefined();
  return { repo, predicate: record?.['predicate'] as Record<string, unknown> };
}

describe('attest: the change record with the forge', () => {
  it('signs the pull requests’ approving reviewers into the change record when a token is set', async () => {
    server = await startForgeServer(github);
    const { predicate } = await attestedChangeRecord({
      GITHUB_TOKEN: 'ghp_test',
      SLIPWAY_FORGE_API_URL: server.origin,
    });
    expectValidAgainst(changeRecordSchema, predicate);
    expect(predicate).toMatchObject({
      pullRequests: ['#12', '#13'],
      issues: ['#45'],
      reviewers: ['github:bob', 'github:carol'],
      forge: { kind: 'github', status: 'enriched' },
    });
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer ghp_test')).toBe(true);
  });

  it('without a token asks nobody and signs the change record git alone makes', async () => {
    server = await startForgeServer(github);
    const { repo, predicate } = await attestedChangeRecord({
      SLIPWAY_FORGE_API_URL: server.origin,
    });
    const plain = changeRecordStatement(
      {
        cwd: repo.dir,
        service: String(predicate['service']),
        version: String(predicate['version']),
        since: 'v1.1.0',
        previousVersion: 'v1.1.0',
      },
      [],
    );
    expect(predicate).toEqual(plain.predicate);
    expect(predicate).not.toHaveProperty('forge');
    expect(server.requests).toEqual([]);
  });
});

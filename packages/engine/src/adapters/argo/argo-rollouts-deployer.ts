import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RolloutSpec } from '@slipway/core';
import { isSlipwayError } from '@slipway/core';
import type {
  Deployer,
  DeployerOutcome,
  DeployerRequest,
} from '../../features/deployments/deployer.js';
import { describeArgv, runProgram } from '../traffic/run-program.js';
import { argoManifestsYaml } from './argo-manifests-yaml.js';
import { findProgram } from './find-program.js';
import { kubernetesName } from './kubernetes-name.js';
import type { ArgoServices } from './render-argo-rollout.js';
import { renderArgoRollout } from './render-argo-rollout.js';

export const defaultKubectl: readonly string[] = ['kubectl'];

/** The rollout spec of a service in an environment; undefined: all at once. */
export type RolloutSpecLookup = (
  service: string,
  environment: string,
) => Promise<RolloutSpec | undefined>;

export interface ArgoRolloutsDeployerOptions {
  readonly rolloutSpec: RolloutSpecLookup;
  /** Image repository; the image is `<image>:<version>`. Default the service name. */
  readonly image?: string;
  readonly namespace?: string;
  readonly replicas?: number;
  readonly containerPort?: number;
  readonly services?: ArgoServices;
  /** argv before `apply -f -`; default `kubectl` (e.g. `kubectl --context prod`). */
  readonly kubectl?: readonly string[];
  /** Where the manifests go when kubectl is not on PATH. */
  readonly manifestDir: string;
  /** For kubectl; default 120. */
  readonly timeoutSeconds?: number;
  /** kubectl's environment, and the PATH it is looked up on; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  readonly maxLogBytes?: number;
}

/**
 * Deploys to Kubernetes through Argo Rollouts: renders the service's Rollout and analysis
 * templates for the version and applies them with `kubectl apply -f -`; Argo then runs the
 * canary or blue-green. Without kubectl on PATH it writes the manifests to a directory (for a
 * GitOps repository or a later apply) and records the deployment as the record deployer does.
 */
export class ArgoRolloutsDeployer implements Deployer {
  readonly name = 'argo-rollouts';
  readonly #options: ArgoRolloutsDeployerOptions;

  constructor(options: ArgoRolloutsDeployerOptions) {
    this.#options = options;
  }

  async deploy(request: DeployerRequest): Promise<DeployerOutcome> {
    if (request.step !== undefined) {
      // Running a migration is not Argo's job: skipping it silently would ship code without it.
      return {
        status: 'failed',
        logs:
          `the argo-rollouts deployer runs no ${request.step.kind} steps ` +
          `(${request.step.component}: ${request.step.command}); run them in CI or with a command deployer\n`,
      };
    }
    let yaml: string;
    try {
      yaml = await this.#render(request);
    } catch (error) {
      if (!isSlipwayError(error)) throw error;
      return {
        status: 'failed',
        logs: `could not render the Argo Rollouts resources: ${error.message}\n`,
      };
    }
    const kubectl = this.#options.kubectl ?? defaultKubectl;
    const env = this.#options.env ?? process.env;
    if (findProgram(kubectl[0] ?? '', env['PATH']) === undefined)
      return this.#write(request, yaml, kubectl);
    const argv = [...kubectl, 'apply', '-f', '-'];
    const result = await runProgram({
      argv,
      env,
      input: yaml,
      timeoutSeconds: this.#options.timeoutSeconds ?? 120,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(this.#options.maxLogBytes === undefined
        ? {}
        : { maxOutputBytes: this.#options.maxLogBytes }),
    });
    const output = `${result.stdout}${result.stderr}`;
    return result.ok
      ? { status: 'succeeded', logs: `${describeArgv(argv)}\n${output}` }
      : {
          status: 'failed',
          logs: `${describeArgv(argv)}\n${output}${describeArgv(kubectl)} ${result.failure ?? ''}\n`,
        };
  }

  async #render(request: DeployerRequest): Promise<string> {
    const options = this.#options;
    const allAtOnce: RolloutSpec = { strategy: { kind: 'all-at-once' } };
    // `deploy --strategy all-at-once` (a hotfix) skips the declared steps for this version; a
    // rollback keeps the declared spec, so the Rollout resource is not rewritten by the way back.
    const spec =
      request.strategy === 'all-at-once' && request.action !== 'rollback'
        ? allAtOnce
        : ((await options.rolloutSpec(request.service, request.environment)) ?? allAtOnce);
    const objects = renderArgoRollout({
      service: request.service,
      environment: request.environment,
      version: request.version,
      spec,
      image: `${options.image ?? request.service}:${request.version}`,
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
      ...(options.containerPort === undefined ? {} : { containerPort: options.containerPort }),
      ...(options.services === undefined ? {} : { services: options.services }),
    });
    return argoManifestsYaml(objects);
  }

  async #write(
    request: DeployerRequest,
    yaml: string,
    kubectl: readonly string[],
  ): Promise<DeployerOutcome> {
    const directory = this.#options.manifestDir;
    const base = `${kubernetesName(request.service, 'service')}-${kubernetesName(request.environment, 'environment')}`;
    const file = join(directory, `${base}.yaml`);
    await mkdir(directory, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, yaml);
    await rename(temp, file);
    const what = `${request.service} ${request.version} to ${request.environment}`;
    const note = `${kubectl[0] ?? 'kubectl'} is not on PATH: wrote the Argo Rollouts resources of ${what} to ${file}; apply them with kubectl apply -f ${file}\n`;
    return request.awaitReport === true
      ? { status: 'in_progress', logs: `${note}waiting for CI to report the outcome\n` }
      : { status: 'succeeded', logs: note };
  }
}

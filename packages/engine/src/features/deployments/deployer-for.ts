import { resolve } from 'node:path';
import type { ArgoRolloutsDeployerConfig, Deployer, DeployerConfig } from './deployer.js';
import { CommandDeployer } from './command-deployer.js';
import { ArgoRolloutsDeployer } from '../../adapters/argo/argo-rollouts-deployer.js';
import type { RolloutSpecLookup } from '../../adapters/argo/argo-rollouts-deployer.js';
import { RecordDeployer } from './record-deployer.js';

/** Picks the deployer a service's config names; `null` (no config) means `record`. */
export type DeployerFactory = (config: DeployerConfig | null) => Deployer;

export interface DeployerFactoryOptions {
  /** Where command deployers run when their config names no cwd (the server's data directory). */
  readonly defaultCwd: string;
  readonly maxLogBytes?: number;
  /** The rollout spec an `argo-rollouts` deployer renders; absent: all at once. */
  readonly rolloutSpec?: RolloutSpecLookup;
}

export function createDeployerFactory(options: DeployerFactoryOptions): DeployerFactory {
  const record = new RecordDeployer();
  return (config) => {
    if (config === null || config.kind === 'record') return record;
    if (config.kind === 'argo-rollouts') return argoRolloutsDeployer(config, options);
    return new CommandDeployer({
      command: config.command,
      // A relative cwd is relative to the data directory, never to wherever the server started.
      cwd: resolve(options.defaultCwd, config.cwd ?? '.'),
      ...(config.timeoutSeconds === undefined ? {} : { timeoutSeconds: config.timeoutSeconds }),
      ...(options.maxLogBytes === undefined ? {} : { maxLogBytes: options.maxLogBytes }),
    });
  };
}

function argoRolloutsDeployer(
  config: ArgoRolloutsDeployerConfig,
  options: DeployerFactoryOptions,
): ArgoRolloutsDeployer {
  const { kind: _kind, manifestDir, ...rest } = config;
  return new ArgoRolloutsDeployer({
    ...rest,
    rolloutSpec: options.rolloutSpec ?? (() => Promise.resolve(undefined)),
    manifestDir: resolve(options.defaultCwd, manifestDir ?? 'argo-rollouts'),
    ...(options.maxLogBytes === undefined ? {} : { maxLogBytes: options.maxLogBytes }),
  });
}

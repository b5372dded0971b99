export { argoManifestsYaml } from './argo-manifests-yaml.js';
export type { ArgoArgument } from './argo-analysis.js';
export { ArgoRolloutsDeployer, defaultKubectl } from './argo-rollouts-deployer.js';
export type { ArgoRolloutsDeployerOptions, RolloutSpecLookup } from './argo-rollouts-deployer.js';
export type { KubernetesObject } from './kubernetes-object.js';
export { kubernetesName } from './kubernetes-name.js';
export { argoApiVersion, renderArgoRollout } from './render-argo-rollout.js';
export type { ArgoRolloutInput, ArgoServices } from './render-argo-rollout.js';

export type { ActOptions, ControlPlane, TokenRequest } from './control-plane.js';
export { EmbeddedControlPlane, createEmbeddedControlPlane } from './embedded-control-plane.js';
export type {
  DeploymentOperations,
  EmbeddedControlPlaneOptions,
  EmbeddedParts,
  RegistryOperations,
} from './embedded-control-plane.js';
export { HttpControlPlane } from './http-control-plane.js';
export type { HttpControlPlaneOptions } from './http-control-plane.js';

import type { DeployerConfig } from '../deployments/deployer.js';
import type { ServiceRollouts } from '../rollouts/service-rollouts.js';

export const serviceKinds = ['service', 'library'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export const riskTiers = ['low', 'standard', 'high', 'regulated'] as const;
export type RiskTier = (typeof riskTiers)[number];

export const defaultLifecycle: readonly string[] = ['dev', 'staging', 'prod'];
export const defaultServiceKind: ServiceKind = 'service';
export const defaultRiskTier: RiskTier = 'standard';

/** A catalog entry, as stored and returned. */
export interface Service {
  readonly name: string;
  readonly owner: string | null;
  readonly repository: string | null;
  readonly kind: ServiceKind;
  readonly riskTier: RiskTier;
  /** Environments in promotion order, e.g. dev → staging → prod. */
  readonly lifecycle: readonly string[];
  /** Backstage entity reference (`component:default/name`) when imported from a catalog. */
  readonly entityRef: string | null;
  /** Backstage `spec.lifecycle` (experimental, production, deprecated), when imported. */
  readonly stage: string | null;
  /** How deployments run; null means `record` (performs nothing, CI deploys and reports). */
  readonly deployer: DeployerConfig | null;
  /** Policy: a release may skip environments of the lifecycle (default false). */
  readonly allowSkip: boolean;
  /** How deployments reach users per environment (canary, blue-green); null: all at once. */
  readonly rollout: ServiceRollouts | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The fields a caller sets; everything else is derived. */
export type ServiceFields = Omit<Service, 'name' | 'createdAt' | 'updatedAt'>;

export interface NewService {
  readonly name: string;
  readonly owner?: string | null;
  readonly repository?: string | null;
  readonly kind?: ServiceKind;
  readonly riskTier?: RiskTier;
  readonly lifecycle?: readonly string[];
  readonly deployer?: DeployerConfig | null;
  readonly allowSkip?: boolean;
  readonly rollout?: ServiceRollouts | null;
}

export type ServicePatch = Partial<
  Pick<
    ServiceFields,
    | 'owner'
    | 'repository'
    | 'kind'
    | 'riskTier'
    | 'lifecycle'
    | 'deployer'
    | 'allowSkip'
    | 'rollout'
  >
>;

export interface ServiceQuery {
  readonly owner?: string;
  readonly tier?: RiskTier;
  /** Case-insensitive substring of name, owner or repository. */
  readonly search?: string;
}

/** Who made a change, recorded as the ledger event's actor. */
export interface ChangeOptions {
  readonly actor: string;
}

/** Risk tiers, as the catalog records them; the tier picks a service's default policy. */
export const policyRiskTiers = ['low', 'standard', 'high', 'regulated'] as const;
export type PolicyRiskTier = (typeof policyRiskTiers)[number];

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** A point in a week, in the wall-clock time of the window's zone. */
export interface WeeklyPoint {
  readonly day: Weekday;
  /** `HH:MM`, 24-hour. */
  readonly time: string;
}

/**
 * A span of wall-clock time in an IANA zone, start inclusive and end exclusive. Wall clock, not
 * elapsed time: a window from 02:00 to 04:00 covers what the clocks show between those times, so
 * on a daylight-saving day it lasts one or three hours, as the people living there expect.
 */
export type PolicyWindow =
  | {
      readonly kind: 'dates';
      /** `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM[:SS]`. */
      readonly from: string;
      readonly to: string;
      readonly timeZone: string;
      readonly name?: string;
    }
  | {
      readonly kind: 'weekly';
      /** May wrap past Sunday: Friday 18:00 to Monday 08:00 is one weekend window. */
      readonly from: WeeklyPoint;
      readonly to: WeeklyPoint;
      readonly timeZone: string;
      readonly name?: string;
    };

/** The rules that apply to one service in one environment. */
export interface EnvironmentPolicy {
  /** Check names whose latest result must be present and `passed`. */
  readonly requiredChecks: readonly string[];
  /** Distinct approvers needed; 0 means no approval. */
  readonly requiredApprovals: number;
  /** When set, only approvers with one of these roles or groups count. */
  readonly approverRoles: readonly string[] | null;
  /** No deployment while one of these is open (break-glass bypasses them). */
  readonly freezeWindows: readonly PolicyWindow[];
  /** When not empty, deployments only inside one of these. */
  readonly deployWindows: readonly PolicyWindow[];
  /** When set, only these rollout strategies. */
  readonly allowedStrategies: readonly string[] | null;
  /**
   * Whether a release may reach this environment without succeeding in the one before it.
   * Null leaves it to the service's own `allowSkip` flag.
   */
  readonly allowSkip: boolean | null;
  /** Deploy as soon as the required checks pass, without a person asking. */
  readonly autoDeploy: boolean;
}

export type PolicyPatch = Partial<EnvironmentPolicy>;

/**
 * One override. Selectors narrow where it applies; more specific overrides win
 * (tier < environment < tier + environment < service < service + environment).
 */
export interface PolicyOverride {
  readonly tier?: PolicyRiskTier;
  readonly service?: string;
  readonly environment?: string;
  readonly rules: PolicyPatch;
}

/** What follows a break-glass deployment. */
export interface BreakGlassSettings {
  /** The post-release review is due this many hours after the deployment. */
  readonly reviewDueHours: number;
  /** Refuse break-glass to a team (service owner) that has an overdue review. */
  readonly blockWhenOverdue: boolean;
}

export const defaultBreakGlass: BreakGlassSettings = {
  reviewDueHours: 72,
  blockWhenOverdue: false,
};

/** The whole policy configuration: overrides on top of the per-tier defaults. */
export interface PolicyDocument {
  readonly overrides: readonly PolicyOverride[];
  readonly breakGlass?: Partial<BreakGlassSettings>;
}

export const checkStatuses = ['passed', 'failed', 'pending'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

export interface CheckResultInput {
  readonly name: string;
  readonly status: CheckStatus;
  /** ISO instant; the latest result of a name is the one that counts. */
  readonly recordedAt: string;
}

export interface ApprovalInput {
  readonly approver: string;
  /** The approver's role and groups, matched against `approverRoles`. */
  readonly roles: readonly string[];
  /** What the approver saw; an approval of other content does not count. */
  readonly contentDigest: string;
}

export interface PolicyInput {
  readonly service: {
    readonly name: string;
    readonly riskTier: PolicyRiskTier;
    readonly lifecycle: readonly string[];
    readonly allowSkip: boolean;
  };
  readonly environment: string;
  readonly release: { readonly version: string };
  readonly strategy: string;
  readonly checks: readonly CheckResultInput[];
  readonly approvals: readonly ApprovalInput[];
  /** People who may not approve: the release's commit authors and the requester. */
  readonly ineligibleApprovers: readonly string[];
  /** The digest of the content approvers must see now (null when nothing was requested yet). */
  readonly contentDigest: string | null;
  readonly breakGlass: boolean;
  /** ISO instant. */
  readonly at: string;
  readonly document: PolicyDocument;
}

export const policyRules = [
  'required-checks',
  'required-approvals',
  'freeze-window',
  'deploy-window',
  'allowed-strategies',
] as const;
export type PolicyRule = (typeof policyRules)[number];

export type PolicyDecision = 'allow' | 'needs_approval' | 'deny';

export interface UnmetRule {
  readonly rule: PolicyRule;
  readonly reason: string;
  /** Set when break-glass let the deployment past this rule. */
  readonly bypassed: boolean;
}

export interface PolicyVerdict {
  readonly decision: PolicyDecision;
  /** Every unmet rule, bypassed ones included, so the record shows what break-glass skipped. */
  readonly unmet: readonly UnmetRule[];
  readonly policy: EnvironmentPolicy;
  /** The skip rule that applies (policy first, then the service's flag). */
  readonly allowSkip: boolean;
  /** True when the policy deploys this by itself once it is allowed. */
  readonly autoDeploy: boolean;
  readonly approvals: {
    readonly required: number;
    readonly counted: readonly string[];
    readonly ignored: readonly { readonly approver: string; readonly reason: string }[];
  };
}

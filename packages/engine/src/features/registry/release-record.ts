import type { ReleaseComponent, RollForwardPlan } from '@slipway/core';

/**
 * A release as the control plane knows it: one version of one service, the commit and tag it
 * was cut from, its notes, the artifacts built from it, and how each of its parts rolls back.
 */
export interface ReleaseRecord {
  readonly id: string;
  readonly service: string;
  readonly version: string;
  readonly tag: string | null;
  readonly commit: string | null;
  /** Markdown release notes, as `slipway notes` renders them. */
  readonly notes: string | null;
  /** Artifact digests, in the order they were given. */
  readonly artifacts: readonly string[];
  /** Declared parts and their rollback behaviour; empty means one code artifact, redeployed. */
  readonly components: readonly ReleaseComponent[];
  /** Set when this release may reach the last environment without a previous good deployment. */
  readonly rollForward: RollForwardPlan | null;
  /**
   * When the oldest commit of the release's changes was made (ISO 8601, UTC): where DORA lead
   * time for changes starts. Absent when the client did not say (older clients, no git).
   */
  readonly firstCommitTime?: string;
  /** The earlier version of the same service this release fixes: its deployment failed. */
  readonly fixes?: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface NewRelease {
  readonly service: string;
  readonly version: string;
  readonly tag?: string | null;
  readonly commit?: string | null;
  readonly notes?: string | null;
  /** Digests of artifacts registered before (or in the same push). */
  readonly artifacts?: readonly string[];
  readonly components?: readonly ReleaseComponent[];
  readonly rollForward?: RollForwardPlan | null;
  /** ISO 8601 with an offset or Z; stored in UTC. */
  readonly firstCommitTime?: string | null;
  /** An earlier version of the same service that this release fixes. */
  readonly fixes?: string | null;
}

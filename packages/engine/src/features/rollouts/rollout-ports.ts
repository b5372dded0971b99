import type { MetricSource, TrafficRouterConfig } from '@slipway/core';

/** Which rollout a router or provider call serves: for logs, templating and external commands. */
export interface RolloutContext {
  readonly rolloutId: string;
  readonly service: string;
  readonly environment: string;
  readonly stableVersion: string | null;
  readonly canaryVersion: string;
  readonly actor: string;
}

/**
 * Moves traffic between the stable and the canary. `setWeight(0)` is "all traffic to stable" and
 * must be safe to call any number of times (abort calls it again after a crash); `setWeight(100)`
 * is the end of a successful rollout.
 */
export interface TrafficRouter {
  readonly kind: TrafficRouterConfig['kind'];
  setWeight(weight: number, context: RolloutContext): Promise<void>;
  /** The weight the router applies now, when it can tell (nginx reads its file); else null. */
  currentWeight(context: RolloutContext): Promise<number | null>;
}

/** One measurement of a metric: the raw value(s) the condition is evaluated on. */
export interface Measurement {
  /** Numbers (a vector's values, a scalar as one element) or any JSON the web provider returned. */
  readonly value: unknown;
  readonly measuredAt: string;
}

/** Where numbers come from: Prometheus, an HTTP JSON endpoint, or a fake. */
export interface MetricsProvider {
  /** Instant measurement; placeholders (`{{args.x}}`) already substituted. */
  measure(source: MetricSource, signal?: AbortSignal): Promise<Measurement>;
  /** Samples over a window, for the canary judge (Prometheus range query values). */
  samples(
    address: string,
    query: string,
    window: { readonly seconds: number; readonly stepSeconds: number },
    signal?: AbortSignal,
  ): Promise<readonly number[]>;
}

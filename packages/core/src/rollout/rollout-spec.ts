/**
 * What a service declares about how a release reaches its users in one environment: the shared
 * vocabulary of the rollout state machine (core), the rollout service (engine), the traffic
 * routers and metrics providers (adapters), the Argo Rollouts renderer, the API and the dashboard.
 * Shapes follow Argo Rollouts' (setWeight, pause, analysis; preview/active) so its users feel at
 * home, with Kayenta's judge as one more metric source.
 */

/** One step of a canary. Exactly one key is set, as in Argo Rollouts. */
export type CanaryStep =
  | { readonly setWeight: number }
  /** A pause for a duration; without `seconds` it waits until promoted (`rollout promote`). */
  | { readonly pause: { readonly seconds?: number } }
  /** An inline analysis run; the rollout waits for its verdict. */
  | { readonly analysis: AnalysisRef };

export interface AnalysisRef {
  /** Names of analysis templates of the service's rollout spec. */
  readonly templates: readonly string[];
  /** Values for `{{args.name}}` placeholders, added to the rollout's own arguments. */
  readonly args?: Readonly<Record<string, string>>;
}

export interface AllAtOnceStrategy {
  readonly kind: 'all-at-once';
}

export interface CanaryStrategy {
  readonly kind: 'canary';
  readonly steps: readonly CanaryStep[];
  /** Runs for the whole rollout, from the first step on; a failure aborts at any step. */
  readonly backgroundAnalysis?: AnalysisRef;
}

export interface BlueGreenStrategy {
  readonly kind: 'blue-green';
  /** Run against the preview before it becomes active; failure aborts. */
  readonly prePromotionAnalysis?: AnalysisRef;
  /** Run after the switch; failure switches back to the old version. */
  readonly postPromotionAnalysis?: AnalysisRef;
  /** Promote automatically this long after the preview is ready; absent: wait for promote. */
  readonly autoPromotionSeconds?: number;
  /** Keep the old version (for a quick switch back) this long after promotion; default 30. */
  readonly scaleDownDelaySeconds?: number;
}

export type RolloutStrategy = AllAtOnceStrategy | CanaryStrategy | BlueGreenStrategy;
export type RolloutStrategyKind = RolloutStrategy['kind'];

/** Where a metric's measurements come from. */
export type MetricSource =
  | {
      readonly prometheus: {
        /** Base URL of the Prometheus HTTP API, e.g. http://127.0.0.1:9090 */
        readonly address: string;
        /** PromQL with `{{args.name}}` placeholders filled from the rollout's arguments. */
        readonly query: string;
      };
    }
  | {
      readonly web: {
        readonly url: string;
        readonly method?: 'GET' | 'POST';
        readonly headers?: Readonly<Record<string, string>>;
        readonly body?: string;
        /** JSONPath into the response (`$.data.ok`); absent: the whole document. */
        readonly jsonPath?: string;
        readonly timeoutSeconds?: number;
      };
    }
  | {
      /**
       * Canary versus baseline: both queries return samples (a Prometheus range query's values,
       * or an instant vector's values), judged by Mann-Whitney U.
       */
      readonly judge: {
        readonly address: string;
        readonly canaryQuery: string;
        readonly baselineQuery: string;
        /** Which way is worse: errors and latency `increase`, throughput `decrease`. */
        readonly direction: 'increase' | 'decrease' | 'either';
        /** Relative change (of the Hodges-Lehmann estimate to the baseline median) tolerated. */
        readonly tolerance?: number;
        /** Fewer samples on either side than this: inconclusive. Default 10. */
        readonly minSamples?: number;
        /** Significance level; default 0.05. */
        readonly alpha?: number;
        /** Range-query window in seconds and step (default 300 and 15). */
        readonly windowSeconds?: number;
        readonly stepSeconds?: number;
      };
    };

export interface MetricSpec {
  readonly name: string;
  readonly source: MetricSource;
  /** Expression over `result` (e.g. `result[0] >= 0.95`); judge metrics need none. */
  readonly successCondition?: string;
  readonly failureCondition?: string;
  /** Seconds between measurements; default 0 with count 1 (one measurement). */
  readonly intervalSeconds?: number;
  /** Measurements to take; default 1 (or unbounded with an interval, for background analysis). */
  readonly count?: number;
  /** More failed measurements than this fails the metric; default 0. */
  readonly failureLimit?: number;
  /** More inconclusive measurements than this makes the metric inconclusive; default 0. */
  readonly inconclusiveLimit?: number;
  /** More consecutive errors (provider unreachable, bad data) than this fails it; default 4. */
  readonly consecutiveErrorLimit?: number;
}

export interface AnalysisTemplate {
  readonly name: string;
  /** Argument names the template needs, with optional defaults. */
  readonly args?: readonly { readonly name: string; readonly value?: string }[];
  readonly metrics: readonly MetricSpec[];
}

/** How traffic is split between the stable and the canary (or active and preview). */
export type TrafficRouterConfig =
  | {
      readonly kind: 'nginx';
      /** The upstreams file this router owns (included by the nginx configuration). */
      readonly upstreamFile: string;
      /** The upstream block's name. */
      readonly upstream: string;
      /** host:port of each version. */
      readonly stable: string;
      readonly canary: string;
      /** argv to reload nginx; default ["nginx", "-s", "reload"]. */
      readonly reload?: readonly string[];
    }
  | {
      readonly kind: 'flag';
      /** The flag whose fractional split is the traffic (in the rollout's service and env). */
      readonly flag: string;
      /** Variant served to the stable share and to the canary share. */
      readonly stableVariant: string;
      readonly canaryVariant: string;
    }
  | {
      readonly kind: 'command';
      /** argv run with SLIPWAY_CANARY_WEIGHT (0–100) and SLIPWAY_ROLLOUT_* in its environment. */
      readonly command: readonly string[];
      readonly timeoutSeconds?: number;
    };

/** A service's rollout declaration for one environment (or its default for all). */
export interface RolloutSpec {
  readonly strategy: RolloutStrategy;
  readonly trafficRouter?: TrafficRouterConfig;
  readonly templates?: readonly AnalysisTemplate[];
  /** Arguments available to every analysis (`{{args.service}}` etc. are always present). */
  readonly args?: Readonly<Record<string, string>>;
}

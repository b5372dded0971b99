export {
  judgeCanary,
  judgeDefaults,
  MAX_JUDGE_SAMPLES,
  type JudgeDirection,
  type JudgeOptions,
  type JudgeResult,
} from './judge-canary.js';
export {
  mannWhitneyU,
  type MannWhitneyAlternative,
  type MannWhitneyMethod,
  type MannWhitneyResult,
} from './mann-whitney-u.js';
export { hodgesLehmann, type HodgesLehmannResult } from './hodges-lehmann.js';

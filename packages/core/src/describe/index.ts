export type { ScmState } from './scm-state.js';
export { isExact } from './scm-state.js';
export {
  describeVersionSchemes,
  describeVersionSchemeNames,
  getDescribeVersionScheme,
} from './describe-version-schemes.js';
export type {
  DescribeVersionScheme,
  DescribeVersionSchemeName,
} from './describe-version-schemes.js';
export {
  describeLocalSchemes,
  describeLocalSchemeNames,
  getDescribeLocalScheme,
  utcDate,
  utcTimestamp,
} from './describe-local-schemes.js';
export type { DescribeLocalScheme, DescribeLocalSchemeName } from './describe-local-schemes.js';
export {
  checkDescribeOptions,
  describePretended,
  describeVersion,
  hasPretendVersion,
  readPretendVersion,
} from './describe-version.js';
export type { CheckedDescribeOptions, Description, DescribeOptions } from './describe-version.js';
export { guessNextVersion, postAfter, simpleSemver } from './guess-next.js';

import type {
  ApiToken,
  ChangeRequestView,
  FlagVersion,
  ReleaseRecord,
  Rollout,
  StoredFlag,
} from '@slipway/engine';
import type * as Web from '../../web/src/api/api-types.js';
import type { Whoami } from '../src/schemas/whoami-schemas.js';

/**
 * The dashboard writes out the API's shapes (its bundle carries no server code, ADR 0020); these
 * keep them honest: what the engine returns must fit what the pages read. Not a test file: the
 * type checker is the check (`npm run typecheck` covers packages/server/test), so a field renamed
 * or retyped on one side breaks the build, and there is nothing to run.
 */
type Fits<Returned, Read> = [Returned] extends [Read] ? true : false;
type MustHold<Check extends true> = Check;

export type DashboardReadsWhatTheApiReturns = [
  MustHold<Fits<ChangeRequestView, Web.ChangeRequestView>>,
  MustHold<Fits<StoredFlag, Web.StoredFlag>>,
  MustHold<Fits<FlagVersion, Web.FlagVersion>>,
  MustHold<Fits<Rollout, Web.Rollout>>,
  MustHold<Fits<ApiToken, Web.ApiToken>>,
  MustHold<Fits<ReleaseRecord, Web.Release>>,
  MustHold<Fits<Whoami, Web.Whoami>>,
];

import { describe, expectTypeOf, it } from 'vitest';
import type {
  ApiToken,
  ChangeRequestView,
  FlagVersion,
  ReleaseRecord,
  Rollout,
  StoredFlag,
} from '@slipway/engine';
import type * as Web from '../../web/src/api/api-types.js';

/**
 * The dashboard writes out the API's shapes (its bundle carries no server code, ADR 0020); this
 * keeps them honest: what the engine returns must fit what the pages read. Checked by the type
 * checker (`npm run typecheck`), so a field renamed or retyped on one side breaks the build.
 */
describe('the dashboard reads what the API returns', () => {
  it('fits change requests, flags, flag versions, rollouts, tokens and releases', () => {
    expectTypeOf<ChangeRequestView>().toExtend<Web.ChangeRequestView>();
    expectTypeOf<StoredFlag>().toExtend<Web.StoredFlag>();
    expectTypeOf<FlagVersion>().toExtend<Web.FlagVersion>();
    expectTypeOf<Rollout>().toExtend<Web.Rollout>();
    expectTypeOf<ApiToken>().toExtend<Web.ApiToken>();
    expectTypeOf<ReleaseRecord>().toExtend<Web.Release>();
  });
});

import { describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { createFlagService, createLedgerService } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

const scope = { service: 'shop', env: 'prod' };
const definition = { state: 'ENABLED' as const, variants: { on: true, off: false } };

describe.each(testDialects())('concurrent flag changes on %s', (dialect) => {
  it('never hand out a version or revision twice, and lose no change', async () => {
    const database = await openMigratedTestDatabase(dialect);
    // Separate service objects, as separate requests (or servers) would have.
    const services = Array.from({ length: 6 }, () => createFlagService(database.db));
    // First changes of a new environment race on creating its set row.
    await Promise.all(
      services.map((flags, index) =>
        flags.setFlag(
          scope,
          `flag-${index}`,
          { ...definition, defaultVariant: 'off' },
          {
            actor: `a${index}`,
          },
        ),
      ),
    );
    // Then every service changes one flag at once.
    await Promise.all(
      services.map((flags, index) =>
        flags.setFlag(scope, 'flag-0', { metadata: { writer: index } }, { actor: `b${index}` }),
      ),
    );
    const flags = createFlagService(database.db);
    const history = await flags.flagHistory(scope, 'flag-0');
    expect(history.map((version) => version.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await flags.exportFlags(scope)).revision).toBe(12);
    const events = await createLedgerService(database.db).listEvents({ type: 'flag.set' });
    expect(events.events).toHaveLength(12);
    expect((await createLedgerService(database.db).verifyLedger()).ok).toBe(true);
  });
});

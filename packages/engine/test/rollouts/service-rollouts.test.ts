import { describe, expect, it } from 'vitest';
import { createFakeCatalogService, rolloutSpecFor } from '../../src/index.js';
import { canarySpec } from './rollout-fixtures.js';

const alice = { actor: 'alice' };
const blueGreen = { strategy: { kind: 'blue-green', autoPromotionSeconds: 30 } } as const;

describe('a service’s rollout specs in the catalog', () => {
  it('are stored, changed and recorded like any other field', async () => {
    const { service: catalog, ledger } = createFakeCatalogService();
    const added = await catalog.addService(
      { name: 'shop', rollout: { default: canarySpec } },
      alice,
    );
    expect(added.rollout).toEqual({ default: canarySpec });
    const updated = await catalog.updateService(
      'shop',
      { rollout: { default: canarySpec, environments: { prod: blueGreen } } },
      alice,
    );
    expect(updated.rollout?.environments?.['prod']?.strategy.kind).toBe('blue-green');
    const events = ledger.events.map((event) => [event.type, JSON.parse(event.payload) as unknown]);
    expect(events[1]).toEqual([
      'service.updated',
      {
        name: 'shop',
        changes: {
          rollout: {
            from: { default: canarySpec },
            to: { default: canarySpec, environments: { prod: blueGreen } },
          },
        },
      },
    ]);
    expect((await catalog.updateService('shop', { rollout: null }, alice)).rollout).toBeNull();
  });

  it('refuse an invalid spec, naming the field', async () => {
    const { service: catalog } = createFakeCatalogService();
    await expect(
      catalog.addService(
        {
          name: 'shop',
          rollout: {
            environments: {
              prod: { strategy: { kind: 'canary', steps: [{ setWeight: 120 }] } },
            },
          } as never,
        },
        alice,
      ),
    ).rejects.toThrow(/rollout\.environments\.prod.*setWeight/);
    await expect(
      catalog.addService({ name: 'shop', rollout: { canary: {} } as never }, alice),
    ).rejects.toThrow('invalid service rollout.canary: unknown field');
  });

  it('pick the environment’s spec, else the default; all-at-once needs no rollout', () => {
    const rollouts = { default: canarySpec, environments: { prod: blueGreen } };
    expect(rolloutSpecFor(rollouts, 'prod')).toBe(blueGreen);
    expect(rolloutSpecFor(rollouts, 'dev')).toBe(canarySpec);
    expect(rolloutSpecFor(null, 'dev')).toBeNull();
    expect(rolloutSpecFor(rollouts, 'dev', 'all-at-once')).toBeNull();
    expect(rolloutSpecFor({ default: { strategy: { kind: 'all-at-once' } } }, 'dev')).toBeNull();
    expect(() => rolloutSpecFor(rollouts, 'dev', 'blue-green')).toThrow(
      'strategy blue-green: the service declares a canary rollout for dev',
    );
  });
});

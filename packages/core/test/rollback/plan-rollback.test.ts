import { describe, expect, it } from 'vitest';
import { planRollback } from '@slipway/core';
import type { PlanRollbackInput, ReleaseComponent, RollbackTarget } from '@slipway/core';

const previous: RollbackTarget = {
  deploymentId: 'd-1',
  version: '1.0.0',
  digests: [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`],
};

const rollForward = { reason: 'drops the legacy column', steps: ['fix forward in 1.1.1'] };

function input(
  overrides: Partial<PlanRollbackInput['release']> = {},
  current: RollbackTarget | null = previous,
): PlanRollbackInput {
  return {
    service: 'api',
    environment: 'prod',
    lifecycle: ['dev', 'staging', 'prod'],
    release: {
      version: '1.1.0',
      digests: [`sha256:${'c'.repeat(64)}`],
      components: [],
      rollForward: null,
      ...overrides,
    },
    current,
  };
}

const code: ReleaseComponent = { name: 'api-wheel', kind: 'code', rollback: 'redeploy' };
const image: ReleaseComponent = { name: 'api-image', kind: 'image', rollback: 'redeploy' };
const reversible: ReleaseComponent = {
  name: '0042-add-index',
  kind: 'migration',
  rollback: 'reversible',
  up: 'alembic upgrade 0042',
  down: 'alembic downgrade 0041',
};
const irreversible: ReleaseComponent = {
  name: '0043-drop-column',
  kind: 'migration',
  rollback: 'irreversible',
  up: 'alembic upgrade 0043',
};
const workers: ReleaseComponent = {
  name: 'mailer',
  kind: 'workers',
  rollback: 'drain-restart',
  drain: 'mailerctl drain',
};

describe('planRollback', () => {
  it('redeploys the previous digests when the release declares no components', () => {
    const plan = planRollback(input());
    expect(plan).toMatchObject({
      service: 'api',
      environment: 'prod',
      kind: 'rollback',
      target: previous,
      command: 'slipway rollback api --env prod',
    });
    expect(plan.steps).toEqual([
      {
        component: 'api',
        action: 'redeploy',
        description: `redeploy api (code) of 1.0.0: ${previous.digests.join(' ')}`,
        command: null,
      },
    ]);
    expect(plan.notes[0]).toContain('returns prod to 1.0.0 (deployment d-1)');
  });

  it('orders drain, migration down, redeploy, restart', () => {
    const plan = planRollback(input({ components: [code, reversible, workers, image] }));
    expect(plan.kind).toBe('rollback');
    expect(plan.steps.map((step) => [step.action, step.component, step.command])).toEqual([
      ['drain', 'mailer', 'mailerctl drain'],
      ['migrate-down', '0042-add-index', 'alembic downgrade 0041'],
      ['redeploy', 'api-wheel', null],
      ['redeploy', 'api-image', null],
      ['restart', 'mailer', null],
    ]);
  });

  it('says when a reversible migration declares no down step', () => {
    const plan = planRollback(
      input({ components: [{ name: 'm', kind: 'migration', rollback: 'reversible' }] }),
    );
    expect(plan.steps[0]).toMatchObject({ action: 'migrate-down', command: null });
    expect(plan.steps[0]?.description).toContain('none declared');
  });

  it('rolls forward when an irreversible migration has a roll-forward plan', () => {
    const plan = planRollback(input({ components: [code, irreversible], rollForward }));
    expect(plan).toMatchObject({ kind: 'roll-forward', command: null, target: previous });
    expect(plan.steps).toEqual([
      {
        component: 'api',
        action: 'roll-forward',
        description: 'fix forward in 1.1.1',
        command: null,
      },
    ]);
    expect(plan.notes[0]).toContain('migration 0043-drop-column cannot be undone');
  });

  it('keeps an irreversible migration applied when no roll-forward plan exists', () => {
    const plan = planRollback(input({ components: [code, irreversible] }));
    expect(plan.kind).toBe('rollback');
    expect(plan.steps.map((step) => step.component)).toEqual(['api-wheel']);
    expect(plan.notes).toContainEqual(
      'migration 0043-drop-column is irreversible and stays applied: 1.0.0 must run on the migrated schema',
    );
  });

  it('ignores the roll-forward plan when every component can go back', () => {
    expect(planRollback(input({ components: [code], rollForward })).kind).toBe('rollback');
  });

  it('rolls forward on a first deployment with a roll-forward plan', () => {
    const plan = planRollback(input({ rollForward }, null));
    expect(plan).toMatchObject({ kind: 'roll-forward', target: null, command: null });
    expect(plan.steps).toHaveLength(1);
    expect(plan.notes[0]).toContain('first deployment of api to prod');
  });

  it('has no plan on a first deployment without one', () => {
    const plan = planRollback(input({}, null));
    expect(plan).toMatchObject({ kind: 'none', target: null, command: null, steps: [] });
    expect(plan.notes[0]).toContain('records no roll-forward plan');
  });
});

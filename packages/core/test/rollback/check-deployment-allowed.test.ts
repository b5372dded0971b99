import { describe, expect, it } from 'vitest';
import { checkDeploymentAllowed } from '@slipway/core';
import type { DeploymentCheckInput } from '@slipway/core';

const current = { deploymentId: 'd-1', version: '1.0.0', digests: [`sha256:${'a'.repeat(64)}`] };
const rollForward = { reason: 'first launch', steps: ['ship 1.0.1'] };

function check(overrides: Partial<DeploymentCheckInput> = {}) {
  return checkDeploymentAllowed({
    service: 'api',
    lifecycle: ['dev', 'staging', 'prod'],
    environment: 'dev',
    allowSkip: false,
    release: { version: '1.1.0', components: [], rollForward: null },
    succeededIn: [],
    current: null,
    ...overrides,
  });
}

describe('checkDeploymentAllowed', () => {
  it('allows the first environment at any time', () => {
    expect(check()).toEqual({ allowed: true, reasons: [] });
  });

  it('names an unknown environment and lists the lifecycle', () => {
    expect(check({ environment: 'qa' })).toEqual({
      allowed: false,
      reasons: ['unknown environment "qa" for api; its lifecycle is dev → staging → prod'],
    });
    expect(check({ environment: 'staging', from: 'test' }).reasons).toEqual([
      'unknown environment "test" for api; its lifecycle is dev → staging → prod',
    ]);
  });

  it('requires the release to have succeeded in the environment before', () => {
    const verdict = check({ environment: 'staging' });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons[0]).toContain('api 1.1.0 has not succeeded in dev');
    expect(check({ environment: 'staging', succeededIn: ['dev'] }).allowed).toBe(true);
    // Success two environments back does not count: staging is still skipped.
    expect(check({ environment: 'prod', succeededIn: ['dev'], current }).allowed).toBe(false);
  });

  it('lets a service that allows skipping go anywhere', () => {
    expect(check({ environment: 'staging', allowSkip: true }).allowed).toBe(true);
    expect(check({ environment: 'prod', allowSkip: true, current }).allowed).toBe(true);
  });

  it('promotes only to the next environment unless skipping is allowed', () => {
    const skipping = check({ from: 'dev', environment: 'prod', succeededIn: ['dev'], current });
    expect(skipping.allowed).toBe(false);
    expect(skipping.reasons[0]).toContain('promotion from dev to prod skips staging');
    expect(check({ from: 'dev', environment: 'prod', allowSkip: true, current }).allowed).toBe(
      true,
    );
    expect(check({ from: 'dev', environment: 'staging', succeededIn: ['dev'] }).allowed).toBe(true);
  });

  it('refuses promotion backwards or in place, even with skipping allowed', () => {
    for (const [from, to] of [
      ['prod', 'staging'],
      ['staging', 'staging'],
    ] as const) {
      const verdict = check({ from, environment: to, allowSkip: true, succeededIn: ['dev'] });
      expect(verdict.allowed).toBe(false);
      expect(verdict.reasons[0]).toContain('promotion goes forward');
    }
  });

  it('refuses the last environment without a rollback path', () => {
    const verdict = check({ environment: 'prod', succeededIn: ['staging'] });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons).toEqual([
      'prod is the last environment of api and has no rollback path: no previous good deployment, and 1.1.0 records no roll-forward plan',
    ]);
  });

  it('allows the last environment with a previous good deployment or a roll-forward plan', () => {
    expect(check({ environment: 'prod', succeededIn: ['staging'], current }).allowed).toBe(true);
    const release = { version: '1.1.0', components: [], rollForward };
    expect(check({ environment: 'prod', succeededIn: ['staging'], release }).allowed).toBe(true);
  });

  it('refuses an irreversible migration without a roll-forward plan in the last environment', () => {
    const components = [
      { name: '0043-drop', kind: 'migration', rollback: 'irreversible' },
    ] as const;
    const release = { version: '1.1.0', components, rollForward: null };
    const verdict = check({ environment: 'prod', succeededIn: ['staging'], release, current });
    expect(verdict.reasons).toEqual([
      '1.1.0 has irreversible migration 0043-drop and no roll-forward plan; prod is the last environment of api',
    ]);
    // Earlier environments take it: the plan there says the migration stays.
    expect(check({ release }).allowed).toBe(true);
    expect(
      check({
        environment: 'prod',
        succeededIn: ['staging'],
        release: { ...release, rollForward },
        current,
      }).allowed,
    ).toBe(true);
  });

  it('lists every unmet rule at once', () => {
    const verdict = check({ environment: 'prod', from: 'dev' });
    expect(verdict.reasons).toHaveLength(3);
  });

  it('treats a one-environment lifecycle as its last environment', () => {
    expect(check({ lifecycle: ['prod'], environment: 'prod' }).allowed).toBe(false);
    expect(check({ lifecycle: ['prod'], environment: 'prod', current }).allowed).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { actionMinimumRole, canPerform, isRole, roles } from '@slipway/core';
import type { AccessAction, AccessGrant } from '@slipway/core';

const everywhere = { services: null, environments: null } as const;

describe('canPerform', () => {
  it('allows each action from its minimum role upwards and refuses below it', () => {
    for (const [action, minimum] of Object.entries(actionMinimumRole)) {
      for (const role of roles) {
        const decision = canPerform({ role, ...everywhere }, action as AccessAction);
        expect(decision.allowed).toBe(roles.indexOf(role) >= roles.indexOf(minimum));
      }
    }
  });

  it('says which role is needed for what, and on which service', () => {
    const viewer: AccessGrant = { role: 'viewer', ...everywhere };
    expect(canPerform(viewer, 'deployments.create', { service: 'billing' })).toEqual({
      allowed: false,
      reason:
        'role releaser needed for deployments.create on service billing (this token has role viewer)',
    });
    expect(canPerform(viewer, 'tokens.manage')).toEqual({
      allowed: false,
      reason: 'role admin needed for tokens.manage (this token has role viewer)',
    });
  });

  it('keeps a scoped token to its services and environments', () => {
    const scoped: AccessGrant = { role: 'releaser', services: ['api'], environments: ['dev'] };
    expect(canPerform(scoped, 'deployments.create', { service: 'api', env: 'dev' })).toEqual({
      allowed: true,
    });
    expect(canPerform(scoped, 'deployments.create', { service: 'web', env: 'dev' })).toEqual({
      allowed: false,
      reason: 'this token is not allowed deployments.create on service web (limited to api)',
    });
    expect(canPerform(scoped, 'deployments.create', { service: 'api', env: 'prod' })).toEqual({
      allowed: false,
      reason: 'this token is not allowed deployments.create on environment prod (limited to dev)',
    });
    // Leaving the service out must not widen a scoped token to every service.
    expect(canPerform(scoped, 'ledger.read')).toMatchObject({ allowed: false });
  });

  it('recognises role names', () => {
    expect(isRole('approver')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});

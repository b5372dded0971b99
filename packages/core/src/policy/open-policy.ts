import type { PolicyDocument } from './policy-types.js';

/**
 * A policy that opens every environment of every service: no required checks, no approvals, no
 * auto-deploy; freezes, windows and strategies stay as the defaults leave them (none). What a
 * database that deployed before the tier defaults applied is given on upgrade (migration 0016),
 * and what a team stores on purpose while it has no rules yet.
 */
export const openPolicy: PolicyDocument = {
  overrides: [{ rules: { requiredChecks: [], requiredApprovals: 0, autoDeploy: false } }],
};

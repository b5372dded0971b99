import { describeWindow, windowContains } from './policy-window.js';
import type {
  ApprovalInput,
  CheckResultInput,
  EnvironmentPolicy,
  PolicyDecision,
  PolicyInput,
  PolicyVerdict,
  UnmetRule,
} from './policy-types.js';
import { resolvePolicy } from './resolve-policy.js';

/**
 * The policy gate as a pure function: every rule is evaluated (none short-circuits), so one
 * answer lists all that must change. Break-glass marks the approval and freeze rules bypassed;
 * it never lifts checks, deploy windows or strategies.
 */
export function evaluatePolicy(input: PolicyInput): PolicyVerdict {
  const { service, environment } = input;
  const policy = resolvePolicy(input.document, {
    service: service.name,
    tier: service.riskTier,
    environment,
    lifecycle: service.lifecycle,
  });
  const at = new Date(input.at);
  const where = `${service.name} in ${environment}`;
  const unmet: UnmetRule[] = [];
  const add = (rule: UnmetRule['rule'], reason: string, bypassable = false) =>
    unmet.push({ rule, reason, bypassed: bypassable && input.breakGlass });

  for (const reason of checkReasons(policy, input.checks, input.release.version)) {
    add('required-checks', reason);
  }
  const approvals = countApprovals(policy, input);
  if (approvals.counted.length < policy.requiredApprovals) {
    const from = policy.approverRoles === null ? '' : ` from ${policy.approverRoles.join(' or ')}`;
    add(
      'required-approvals',
      `${where} needs ${policy.requiredApprovals} approval${policy.requiredApprovals === 1 ? '' : 's'}` +
        `${from} by distinct people other than the authors and the requester; ` +
        `${approvals.counted.length} counted`,
      true,
    );
  }
  for (const window of policy.freezeWindows) {
    if (windowContains(window, at)) {
      add('freeze-window', `${environment} is frozen: ${describeWindow(window)}`, true);
    }
  }
  if (policy.deployWindows.length > 0 && !policy.deployWindows.some((w) => windowContains(w, at))) {
    add(
      'deploy-window',
      `${input.at} is outside the deploy windows of ${where}: ${policy.deployWindows.map(describeWindow).join('; ')}`,
    );
  }
  if (policy.allowedStrategies !== null && !policy.allowedStrategies.includes(input.strategy)) {
    add(
      'allowed-strategies',
      `strategy ${input.strategy} is not allowed for ${where}; allowed: ${policy.allowedStrategies.join(', ') || 'none'}`,
    );
  }
  const decision = decide(unmet);
  return {
    decision,
    unmet,
    policy,
    allowSkip: policy.allowSkip ?? service.allowSkip,
    autoDeploy: policy.autoDeploy && decision === 'allow',
    approvals: { required: policy.requiredApprovals, ...approvals },
  };
}

function decide(unmet: readonly UnmetRule[]): PolicyDecision {
  const open = unmet.filter((rule) => !rule.bypassed);
  if (open.length === 0) return 'allow';
  return open.every((rule) => rule.rule === 'required-approvals') ? 'needs_approval' : 'deny';
}

function checkReasons(
  policy: EnvironmentPolicy,
  checks: readonly CheckResultInput[],
  version: string,
): string[] {
  const latest = new Map<string, CheckResultInput>();
  for (const check of checks) {
    const seen = latest.get(check.name);
    if (seen === undefined || seen.recordedAt <= check.recordedAt) latest.set(check.name, check);
  }
  return policy.requiredChecks.flatMap((name) => {
    const check = latest.get(name);
    if (check === undefined) return [`required check ${name} has no result for ${version}`];
    if (check.status !== 'passed') {
      return [`required check ${name} is ${check.status} for ${version} (${check.recordedAt})`];
    }
    return [];
  });
}

/** One person counts once; the ineligible, the wrong role and stale content do not count. */
function countApprovals(
  policy: EnvironmentPolicy,
  input: PolicyInput,
): { counted: string[]; ignored: { approver: string; reason: string }[] } {
  const ineligible = new Set(input.ineligibleApprovers);
  const counted: string[] = [];
  const ignored: { approver: string; reason: string }[] = [];
  const reject = (approval: ApprovalInput): string | null => {
    if (counted.includes(approval.approver)) return 'already counted once';
    if (ineligible.has(approval.approver)) {
      return 'is an author of the release or its requester (separation of duties)';
    }
    const roles = policy.approverRoles;
    if (roles !== null && !approval.roles.some((role) => roles.includes(role))) {
      return `has none of the approver roles ${roles.join(', ')}`;
    }
    if (input.contentDigest !== null && approval.contentDigest !== input.contentDigest) {
      return `approved other content (${approval.contentDigest}); the request now reads ${input.contentDigest}`;
    }
    return null;
  };
  for (const approval of input.approvals) {
    const reason = reject(approval);
    if (reason === null) counted.push(approval.approver);
    else ignored.push({ approver: approval.approver, reason });
  }
  return { counted, ignored };
}

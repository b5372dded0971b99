import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '@slipway/core';
import type { PolicyInput, PolicyRiskTier, PolicyWindow } from '@slipway/core';

const at = '2026-11-25T10:00:00Z'; // a Wednesday
const passed = (name: string) => ({ name, status: 'passed' as const, recordedAt: at });
const approval = (approver: string, roles: string[] = ['approver']) => ({
  approver,
  roles,
  contentDigest: 'sha256:content',
});
const allEvidence = ['tests', 'security-scan', 'provenance', 'sbom'].map(passed);
const freeze: PolicyWindow = {
  kind: 'dates',
  from: '2026-11-20',
  to: '2026-11-30',
  timeZone: 'Europe/Berlin',
  name: 'year-end',
};
const businessHours: PolicyWindow = {
  kind: 'weekly',
  from: { day: 'mon', time: '09:00' },
  to: { day: 'mon', time: '17:00' },
  timeZone: 'Europe/Berlin',
};

function input(overrides: Partial<PolicyInput> & { tier?: PolicyRiskTier } = {}): PolicyInput {
  const { tier = 'standard', ...rest } = overrides;
  return {
    service: {
      name: 'api',
      riskTier: tier,
      lifecycle: ['dev', 'staging', 'prod'],
      allowSkip: false,
    },
    environment: 'prod',
    release: { version: '1.2.0' },
    strategy: 'all-at-once',
    checks: [passed('tests')],
    approvals: [],
    ineligibleApprovers: ['alice', 'bob'],
    contentDigest: 'sha256:content',
    breakGlass: false,
    at,
    document: { overrides: [] },
    ...rest,
  };
}

const rulesOf = (verdict: ReturnType<typeof evaluatePolicy>) =>
  verdict.unmet.map((rule) => (rule.bypassed ? `${rule.rule} (bypassed)` : rule.rule));

describe('evaluatePolicy: the defaults per tier', () => {
  // tier, environment, checks, approvers → decision and the unmet rules
  const rows: readonly [PolicyRiskTier, string, string[], string[], string, string[]][] = [
    ['low', 'dev', [], [], 'allow', []],
    ['low', 'prod', ['tests'], [], 'allow', []],
    ['low', 'prod', [], [], 'deny', ['required-checks']],
    ['standard', 'staging', [], [], 'allow', []],
    ['standard', 'prod', ['tests'], [], 'needs_approval', ['required-approvals']],
    ['standard', 'prod', ['tests'], ['carol'], 'allow', []],
    ['standard', 'prod', [], [], 'deny', ['required-checks', 'required-approvals']],
    ['high', 'staging', [], [], 'allow', []],
    [
      'high',
      'prod',
      ['tests'],
      ['carol', 'dave'],
      'deny',
      ['required-checks', 'required-checks', 'required-checks'],
    ],
    [
      'high',
      'prod',
      ['tests', 'security-scan', 'provenance', 'sbom'],
      ['carol'],
      'needs_approval',
      ['required-approvals'],
    ],
    [
      'high',
      'prod',
      ['tests', 'security-scan', 'provenance', 'sbom'],
      ['carol', 'dave'],
      'allow',
      [],
    ],
    [
      'regulated',
      'prod',
      ['tests', 'security-scan', 'provenance', 'sbom'],
      ['carol', 'dave'],
      'allow',
      [],
    ],
    [
      'regulated',
      'prod',
      ['tests', 'sbom'],
      [],
      'deny',
      ['required-checks', 'required-checks', 'required-approvals'],
    ],
  ];
  it.each(rows)(
    '%s in %s with checks %j and approvers %j → %s',
    (tier, environment, checks, approvers, decision, unmet) => {
      const verdict = evaluatePolicy(
        input({
          tier,
          environment,
          checks: checks.map(passed),
          approvals: approvers.map((a) => approval(a)),
        }),
      );
      expect(verdict.decision).toBe(decision);
      expect(rulesOf(verdict)).toEqual(unmet);
    },
  );

  it('auto-deploys low risk once allowed, and nothing else by default', () => {
    expect(evaluatePolicy(input({ tier: 'low' })).autoDeploy).toBe(true);
    expect(evaluatePolicy(input({ tier: 'low', checks: [] })).autoDeploy).toBe(false);
    expect(evaluatePolicy(input({ approvals: [approval('carol')] })).autoDeploy).toBe(false);
  });
});

describe('evaluatePolicy: each rule alone', () => {
  it('names a missing, a failed and a pending check with the version', () => {
    const verdict = evaluatePolicy(
      input({
        tier: 'high',
        approvals: [approval('carol'), approval('dave')],
        checks: [
          passed('tests'),
          { name: 'security-scan', status: 'failed', recordedAt: at },
          { name: 'provenance', status: 'pending', recordedAt: at },
        ],
      }),
    );
    expect(verdict.unmet.map((rule) => rule.reason)).toEqual([
      `required check security-scan is failed for 1.2.0 (${at})`,
      `required check provenance is pending for 1.2.0 (${at})`,
      'required check sbom has no result for 1.2.0',
    ]);
  });

  it('counts the latest result of a check', () => {
    const rerun = [
      { name: 'tests', status: 'failed' as const, recordedAt: '2026-11-25T09:00:00Z' },
      { name: 'tests', status: 'passed' as const, recordedAt: '2026-11-25T09:30:00Z' },
    ];
    expect(evaluatePolicy(input({ tier: 'low', checks: rerun })).decision).toBe('allow');
    expect(evaluatePolicy(input({ tier: 'low', checks: [...rerun].reverse() })).decision).toBe(
      'allow',
    );
    const regressed = [
      { name: 'tests', status: 'passed' as const, recordedAt: '2026-11-25T09:30:00Z' },
      { name: 'tests', status: 'failed' as const, recordedAt: '2026-11-25T09:45:00Z' },
    ];
    expect(evaluatePolicy(input({ tier: 'low', checks: regressed })).decision).toBe('deny');
  });

  it('counts one person once and never the authors or the requester', () => {
    const verdict = evaluatePolicy(
      input({
        tier: 'high',
        checks: allEvidence,
        approvals: [approval('alice'), approval('carol'), approval('carol'), approval('bob')],
      }),
    );
    expect(verdict.decision).toBe('needs_approval');
    expect(verdict.approvals).toEqual({
      required: 2,
      counted: ['carol'],
      ignored: [
        {
          approver: 'alice',
          reason: 'is an author of the release or its requester (separation of duties)',
        },
        { approver: 'carol', reason: 'already counted once' },
        {
          approver: 'bob',
          reason: 'is an author of the release or its requester (separation of duties)',
        },
      ],
    });
    expect(verdict.unmet[0]?.reason).toBe(
      'api in prod needs 2 approvals by distinct people other than the authors and the requester; 1 counted',
    );
  });

  it('ignores approvals of other content (the artifacts changed since)', () => {
    const stale = { ...approval('carol'), contentDigest: 'sha256:old' };
    const verdict = evaluatePolicy(input({ approvals: [stale] }));
    expect(verdict.decision).toBe('needs_approval');
    expect(verdict.approvals.ignored).toEqual([
      {
        approver: 'carol',
        reason: 'approved other content (sha256:old); the request now reads sha256:content',
      },
    ]);
  });

  it('counts only approvers with a required role or group', () => {
    const document = { overrides: [{ environment: 'prod', rules: { approverRoles: ['sre'] } }] };
    const verdict = evaluatePolicy(
      input({ document, approvals: [approval('carol'), approval('erin', ['approver', 'sre'])] }),
    );
    expect(verdict.decision).toBe('allow');
    expect(verdict.approvals.counted).toEqual(['erin']);
    expect(verdict.approvals.ignored[0]?.reason).toBe('has none of the approver roles sre');
  });

  it('denies inside a freeze window and names it', () => {
    const document = { overrides: [{ rules: { freezeWindows: [freeze] } }] };
    const verdict = evaluatePolicy(input({ tier: 'low', document }));
    expect(verdict.decision).toBe('deny');
    expect(verdict.unmet).toEqual([
      {
        rule: 'freeze-window',
        reason: 'prod is frozen: "year-end" (2026-11-20 to 2026-11-30 Europe/Berlin)',
        bypassed: false,
      },
    ]);
    expect(
      evaluatePolicy(input({ tier: 'low', document, at: '2026-11-30T00:00:00Z' })).decision,
    ).toBe('allow');
  });

  it('denies outside every deploy window', () => {
    const document = { overrides: [{ rules: { deployWindows: [businessHours] } }] };
    expect(rulesOf(evaluatePolicy(input({ tier: 'low', document })))).toEqual(['deploy-window']);
    const monday = '2026-11-23T09:00:00Z';
    expect(evaluatePolicy(input({ tier: 'low', document, at: monday })).decision).toBe('allow');
  });

  it('denies a strategy the policy does not allow', () => {
    const document = { overrides: [{ rules: { allowedStrategies: ['canary'] } }] };
    const verdict = evaluatePolicy(input({ tier: 'low', document }));
    expect(verdict.unmet[0]?.reason).toBe(
      'strategy all-at-once is not allowed for api in prod; allowed: canary',
    );
    expect(evaluatePolicy(input({ tier: 'low', document, strategy: 'canary' })).decision).toBe(
      'allow',
    );
  });

  it('takes the skip rule from the policy, else from the service', () => {
    expect(evaluatePolicy(input()).allowSkip).toBe(false);
    const service = {
      name: 'api',
      riskTier: 'standard' as const,
      lifecycle: ['dev', 'prod'],
      allowSkip: true,
    };
    expect(evaluatePolicy(input({ service })).allowSkip).toBe(true);
    const document = { overrides: [{ service: 'api', rules: { allowSkip: false } }] };
    expect(evaluatePolicy(input({ service, document })).allowSkip).toBe(false);
  });
});

describe('evaluatePolicy: rules combined', () => {
  const document = {
    overrides: [
      {
        rules: {
          freezeWindows: [freeze],
          deployWindows: [businessHours],
          allowedStrategies: ['canary'],
        },
      },
    ],
  };

  it('lists every unmet rule at once', () => {
    expect(rulesOf(evaluatePolicy(input({ tier: 'high', document, checks: [] })))).toEqual([
      'required-checks',
      'required-checks',
      'required-checks',
      'required-checks',
      'required-approvals',
      'freeze-window',
      'deploy-window',
      'allowed-strategies',
    ]);
  });

  it('break-glass bypasses approvals and freezes, nothing else', () => {
    const frozen = { overrides: [{ rules: { freezeWindows: [freeze] } }] };
    const bypassed = evaluatePolicy(
      input({ tier: 'high', checks: allEvidence, document: frozen, breakGlass: true }),
    );
    expect(bypassed.decision).toBe('allow');
    expect(rulesOf(bypassed)).toEqual([
      'required-approvals (bypassed)',
      'freeze-window (bypassed)',
    ]);
    const stillDenied = evaluatePolicy(
      input({ tier: 'high', document, checks: allEvidence, breakGlass: true }),
    );
    expect(stillDenied.decision).toBe('deny');
    expect(rulesOf(stillDenied)).toEqual([
      'required-approvals (bypassed)',
      'freeze-window (bypassed)',
      'deploy-window',
      'allowed-strategies',
    ]);
  });

  it('needs approval only when approvals are all that is missing', () => {
    const frozen = { overrides: [{ rules: { freezeWindows: [freeze] } }] };
    expect(evaluatePolicy(input({ document: frozen })).decision).toBe('deny');
    expect(evaluatePolicy(input()).decision).toBe('needs_approval');
  });
});

describe('resolving overrides', () => {
  it('applies tier < environment < tier+environment < service < service+environment', () => {
    const document = {
      overrides: [
        { service: 'api', environment: 'prod', rules: { requiredApprovals: 5 } },
        { service: 'api', rules: { requiredApprovals: 4, requiredChecks: [] } },
        { tier: 'standard' as const, environment: 'prod', rules: { requiredApprovals: 3 } },
        { environment: 'prod', rules: { requiredApprovals: 2, autoDeploy: true } },
        { tier: 'standard' as const, rules: { requiredApprovals: 1 } },
      ],
    };
    const verdict = evaluatePolicy(input({ document }));
    expect(verdict.policy).toMatchObject({
      requiredApprovals: 5,
      requiredChecks: [],
      autoDeploy: true,
    });
    expect(
      evaluatePolicy(input({ document, service: { ...input().service, name: 'web' } })).policy,
    ).toMatchObject({ requiredApprovals: 3, requiredChecks: ['tests'] });
  });

  it('lets the later of two equally specific overrides win, and ignores other tiers', () => {
    const document = {
      overrides: [
        { environment: 'prod', rules: { requiredApprovals: 2 } },
        { environment: 'prod', rules: { requiredApprovals: 3 } },
        { tier: 'low' as const, rules: { requiredApprovals: 9 } },
      ],
    };
    expect(evaluatePolicy(input({ document })).policy.requiredApprovals).toBe(3);
  });
});

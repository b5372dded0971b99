import { describe, expect, it } from 'vitest';
import {
  changeRecordPredicate,
  deploymentRecordPredicate,
  openVexProblems,
  parseCommit,
  parseJUnitXml,
  sarifSummaryPredicate,
  testResultPredicate,
} from '@slipway/core';

const junit = `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testsuite name="pytest" tests="4" failures="1" skipped="1">
    <testcase classname="tests.test_api" name="test_get" time="0.01"/>
    <testcase classname="tests.test_api" name="test_post &amp; put" time="0.02"></testcase>
    <testcase classname="tests.test_api" name="test_delete"><failure message="boom">trace</failure></testcase>
    <testcase classname="tests.test_db" name="test_pg"><skipped message="no db"/></testcase>
    <testcase name="test_error"><error message="setup"/></testcase>
  </testsuite>
</testsuites>`;

describe('JUnit XML → in-toto test result', () => {
  it('sorts cases into passed, failed (failure or error) and skipped, with entities decoded', () => {
    expect(parseJUnitXml(junit)).toEqual({
      passed: ['tests.test_api.test_get', 'tests.test_api.test_post & put'],
      failed: ['tests.test_api.test_delete', 'test_error'],
      skipped: ['tests.test_db.test_pg'],
    });
  });

  it('is FAILED with a failure, WARNED with only skips, PASSED otherwise', () => {
    const config = [{ name: 'junit.xml', digest: { sha256: 'a'.repeat(64) } }];
    expect(testResultPredicate(parseJUnitXml(junit), config).result).toBe('FAILED');
    expect(testResultPredicate({ passed: ['a'], failed: [], skipped: ['b'] }, config)).toEqual({
      result: 'WARNED',
      configuration: config,
      passedTests: ['a'],
      warnedTests: ['b'],
      failedTests: [],
    });
    expect(testResultPredicate({ passed: ['a'], failed: [], skipped: [] }, config).result).toBe(
      'PASSED',
    );
  });

  it('refuses a file that is not a JUnit report', () => {
    expect(() => parseJUnitXml('<html></html>', 'report.html')).toThrow(
      /report.html is not a JUnit XML report/,
    );
  });
});

describe('SARIF → summary by severity', () => {
  it('counts by level and by security-severity band, skipping suppressed results', () => {
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'CodeQL',
              semanticVersion: '2.16.0',
              rules: [
                { id: 'py/sql-injection', properties: { 'security-severity': '9.8' } },
                {
                  id: 'py/weak-hash',
                  properties: { 'security-severity': '7.5' },
                  defaultConfiguration: { level: 'error' },
                },
                { id: 'py/unused', defaultConfiguration: { level: 'note' } },
              ],
            },
          },
          results: [
            { ruleId: 'py/sql-injection', level: 'error' },
            { ruleIndex: 1 },
            { ruleId: 'py/unused' },
            { ruleId: 'py/unused', suppressions: [{ kind: 'inSource' }] },
            { ruleId: 'unknown-rule', properties: { 'security-severity': 5 } },
          ],
        },
      ],
    };
    const report = { name: 'codeql.sarif', sha256: 'b'.repeat(64) };
    expect(sarifSummaryPredicate(sarif, report)).toEqual({
      tools: [{ name: 'CodeQL', version: '2.16.0' }],
      byLevel: { error: 2, warning: 1, note: 1, none: 0 },
      bySeverity: { critical: 1, high: 1, medium: 1, low: 0, none: 1 },
      total: 4,
      report,
    });
  });

  it('refuses JSON without runs', () => {
    expect(() => sarifSummaryPredicate({}, { name: 'x.sarif', sha256: '' })).toThrow(
      /x.sarif is not SARIF/,
    );
  });
});

describe('OpenVEX', () => {
  const valid = {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://acme.example/vex/2024-001',
    author: 'Acme Security',
    timestamp: '2024-01-02T03:04:05Z',
    version: 1,
    statements: [
      {
        vulnerability: { name: 'CVE-2024-0001' },
        products: [{ '@id': 'pkg:pypi/demo-app@1.2.0' }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
      },
      { vulnerability: { name: 'CVE-2024-0002' }, status: 'fixed' },
    ],
  };

  it('accepts a valid document', () => {
    expect(openVexProblems(valid)).toEqual([]);
  });

  it('names every problem', () => {
    expect(
      openVexProblems({
        ...valid,
        author: undefined,
        statements: [
          { vulnerability: {}, status: 'not_affected' },
          { vulnerability: { name: 'X' }, status: 'maybe' },
          { vulnerability: { name: 'Y' }, status: 'affected' },
        ],
      }),
    ).toEqual([
      'author is required',
      'statements[0].vulnerability.name is required',
      'statements[0]: not_affected needs a justification or an impact_statement',
      'statements[1].status maybe is not one of not_affected, affected, fixed, under_investigation',
      'statements[2]: affected needs an action_statement',
    ]);
  });
});

describe('change and deployment records', () => {
  it('collects commits, PRs, issues, authors and reviewers of a release', () => {
    const commit = parseCommit({
      sha: 'c1',
      parents: ['p'],
      authorName: 'Ada',
      authorEmail: 'ada@example.com',
      authorTime: 1_700_000_000,
      committerTime: 1_700_000_000,
      message:
        'feat(api): add export (#12)\n\nCloses #45\n\nReviewed-by: Grace <grace@example.com>\nCo-authored-by: Linus <linus@example.com>',
    });
    const record = changeRecordPredicate({
      service: 'api',
      version: '1.2.0',
      previousVersion: '1.1.0',
      commits: [commit],
    });
    expect(record).toMatchObject({
      pullRequests: ['#12'],
      issues: ['#45'],
      authors: ['Ada <ada@example.com>', 'Linus <linus@example.com>'],
      reviewers: ['Grace <grace@example.com>'],
      commits: [
        {
          sha: 'c1',
          time: '2023-11-14T22:13:20Z',
          changes: [{ type: 'feat', scope: 'api', breaking: false, description: 'add export' }],
        },
      ],
    });
  });

  it('carries environment, actor, times, status and the rollback target', () => {
    expect(
      deploymentRecordPredicate({
        service: 'api',
        version: '1.2.0',
        environment: 'prod',
        action: 'promote',
        sourceEnvironment: 'staging',
        actor: 'ada',
        createdAt: '2024-01-02T03:04:05.000Z',
        finishedAt: '2024-01-02T03:05:00.000Z',
        strategy: 'all-at-once',
        status: 'succeeded',
        rollbackTarget: { version: '1.1.0', digests: ['sha256:b', 'sha256:a'] },
        rollbackCommand: 'slipway rollback api prod',
      }),
    ).toMatchObject({
      environment: 'prod',
      startedAt: '2024-01-02T03:04:05.000Z',
      rollbackTarget: { version: '1.1.0', digests: ['sha256:a', 'sha256:b'] },
    });
  });
});

import { SlipwayError } from '../errors/slipway-error.js';
import { xmlAttributes } from './xml-text.js';

/** in-toto's test-result predicate (https://github.com/in-toto/attestation/blob/main/spec/predicates/test-result.md). */
export const testResultPredicateType = 'https://in-toto.io/attestation/test-result/v0.1';

export interface TestOutcomes {
  readonly passed: readonly string[];
  readonly failed: readonly string[];
  /** Skipped tests: neither passed nor failed; reported as warned. */
  readonly skipped: readonly string[];
}

export interface TestResultPredicate {
  readonly result: 'PASSED' | 'WARNED' | 'FAILED';
  readonly configuration: readonly {
    readonly name: string;
    readonly digest: { readonly sha256: string };
  }[];
  readonly passedTests: readonly string[];
  readonly warnedTests: readonly string[];
  readonly failedTests: readonly string[];
  readonly url?: string;
}

/**
 * Test cases of a JUnit XML report (pytest, Maven Surefire, vitest, Jest reporters): a case
 * failed with a `<failure>` or `<error>` child, was skipped with `<skipped>`, else passed.
 * Names are `classname.name` (or `name` alone). Only the elements JUnit reports use are read;
 * there is no DTD or entity expansion, so a hostile report cannot make the parser do more.
 */
export function parseJUnitXml(xml: string, source = 'junit.xml'): TestOutcomes {
  if (!/<testsuites?[\s>]/.test(xml)) {
    throw new SlipwayError('USAGE', `${source} is not a JUnit XML report (no <testsuite>)`, {
      subject: source,
    });
  }
  const passed: string[] = [];
  const failed: string[] = [];
  const skipped: string[] = [];
  const cases = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase\s*>)/g;
  for (const match of xml.matchAll(cases)) {
    const attributes = xmlAttributes(match[1] ?? '');
    const name = attributes['classname']
      ? `${attributes['classname']}.${attributes['name'] ?? ''}`
      : (attributes['name'] ?? '');
    const body = match[3] ?? '';
    if (/<(failure|error)\b/.test(body)) failed.push(name);
    else if (/<skipped\b/.test(body)) skipped.push(name);
    else passed.push(name);
  }
  return { passed, failed, skipped };
}

/** Lists sorted; FAILED if any failed, WARNED if any skipped, else PASSED. */
export function testResultPredicate(
  outcomes: TestOutcomes,
  configuration: TestResultPredicate['configuration'],
  url?: string,
): TestResultPredicate {
  const sort = (names: readonly string[]): string[] => [...names].sort();
  return {
    result:
      outcomes.failed.length > 0 ? 'FAILED' : outcomes.skipped.length > 0 ? 'WARNED' : 'PASSED',
    configuration,
    passedTests: sort(outcomes.passed),
    warnedTests: sort(outcomes.skipped),
    failedTests: sort(outcomes.failed),
    ...(url === undefined ? {} : { url }),
  };
}

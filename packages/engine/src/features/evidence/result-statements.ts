import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { InTotoStatement, StatementSubject } from '@slipway/core';
import {
  SlipwayError,
  inTotoStatement,
  openVexPredicateType,
  openVexProblems,
  parseJUnitXml,
  sarifSummaryPredicate,
  sarifSummaryPredicateType,
  testResultPredicate,
  testResultPredicateType,
} from '@slipway/core';
import { sha256Text } from './render-sbom.js';

/** Result files to sign beside provenance: JUnit XML, SARIF, OpenVEX. */
export interface ResultFiles {
  readonly junit?: readonly string[];
  readonly sarif?: readonly string[];
  readonly vex?: readonly string[];
}

/**
 * One statement per file, about the given subjects. Files are read (and refused when malformed)
 * before anything is signed, so a bad report leaves no half-written attestations.
 */
export function resultStatements(
  files: ResultFiles,
  subjects: readonly StatementSubject[],
): InTotoStatement[] {
  const read = (path: string): { name: string; text: string; sha256: string } => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new SlipwayError('USAGE', `cannot read ${path}`, { subject: path, cause: error });
    }
    return { name: basename(path), text, sha256: sha256Text(text) };
  };
  const statements: InTotoStatement[] = [];
  for (const path of files.junit ?? []) {
    const file = read(path);
    const predicate = testResultPredicate(parseJUnitXml(file.text, path), [
      { name: file.name, digest: { sha256: file.sha256 } },
    ]);
    statements.push(inTotoStatement(subjects, testResultPredicateType, predicate));
  }
  for (const path of files.sarif ?? []) {
    const file = read(path);
    const predicate = sarifSummaryPredicate(parseJson(file.text, path), {
      name: file.name,
      sha256: file.sha256,
    });
    statements.push(inTotoStatement(subjects, sarifSummaryPredicateType, predicate));
  }
  for (const path of files.vex ?? []) {
    const document = parseJson(read(path).text, path);
    const problems = openVexProblems(document);
    if (problems.length > 0) {
      throw new SlipwayError('USAGE', `${path} is not valid OpenVEX: ${problems.join('; ')}`, {
        subject: path,
      });
    }
    statements.push(inTotoStatement(subjects, openVexPredicateType, document));
  }
  return statements;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SlipwayError('USAGE', `${path} is not JSON`, { subject: path, cause: error });
  }
}

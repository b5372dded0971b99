import { readdirSync } from 'node:fs';
import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import type { GherkinDocument, Pickle } from '@cucumber/messages';
import { readShared, sharedPath } from './shared-conformance.js';

/** One runnable scenario: a pickle with a name unique within its feature file. */
export interface Scenario {
  readonly feature: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly pickle: Pickle;
}

/** Example rows give each outline's pickle its cells, so a test name says which row it ran. */
function rowCells(document: GherkinDocument): Map<string, string[]> {
  const cells = new Map<string, string[]>();
  for (const child of document.feature?.children ?? []) {
    const scenarios = child.rule
      ? child.rule.children.flatMap((ruleChild) => (ruleChild.scenario ? [ruleChild.scenario] : []))
      : child.scenario
        ? [child.scenario]
        : [];
    for (const scenario of scenarios) {
      for (const examples of scenario.examples) {
        for (const row of examples.tableBody) {
          cells.set(
            row.id,
            row.cells.map((cell) => cell.value),
          );
        }
      }
    }
  }
  return cells;
}

/** Parses every `.feature` file of a shared folder with the Cucumber Gherkin parser. */
export function loadScenarios(...folder: string[]): Scenario[] {
  const dir = sharedPath(...folder);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.feature'))
    .sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const newId = IdGenerator.incrementing();
    const parser = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher());
    const document = parser.parse(readShared(...folder, file));
    const cells = rowCells(document);
    for (const pickle of compile(document, file, newId)) {
      const row =
        pickle.astNodeIds.length > 1 ? cells.get(pickle.astNodeIds.at(-1) as string) : undefined;
      const name = row === undefined ? pickle.name : `${pickle.name} | ${row.join(' | ')}`;
      scenarios.push({ feature: file, name, tags: pickle.tags.map((tag) => tag.name), pickle });
    }
  }
  return scenarios;
}

import type { SbomComponent, SbomHash } from '@slipway/core';
import { pypiPurl } from '@slipway/core';
import type { LockContents } from './lock-contents.js';
import { parsePrefixedHash, pinnedVersion, requirementName } from './lock-contents.js';

/**
 * `requirements*.txt` as pip reads it: backslash continuations joined, comments dropped, option
 * lines (`-r`, `-c`, `--index-url`, `-e`) skipped, `--hash=` options collected. A pin (`==`)
 * gives the version; anything looser is listed without one. Files named for development
 * (`requirements-dev.txt`, `…-test…`) are `optional`. There is no graph: pip files are flat.
 */
export function readRequirementsTxt(text: string, source: string): LockContents {
  const optional = /(dev|test|lint|doc)/i.test(source.split('/').pop() ?? source);
  const components: SbomComponent[] = [];
  for (const line of logicalLines(text)) {
    if (line.startsWith('-') || /^[a-z+]+:\/\//i.test(line)) continue;
    const [requirement = '', ...options] = line.split(/\s+(?=--)/);
    const name = requirementName(requirement);
    if (name === null) continue;
    const version = pinnedVersion(requirement);
    const hashes = options.flatMap((option): SbomHash[] => {
      const hash = parsePrefixedHash(option.replace(/^--hash[=\s]+/, ''));
      return hash === null ? [] : [hash];
    });
    components.push({
      ecosystem: 'pypi',
      name,
      ...(version === undefined ? {} : { version }),
      hashes,
      scope: optional ? 'optional' : 'required',
      source,
    });
  }
  const direct = optional ? [] : components.map((c) => pypiPurl(c.name, c.version));
  return { components, dependencies: [], direct };
}

function logicalLines(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '');
}

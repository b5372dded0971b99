import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPolicy } from '@slipway/core';

/**
 * Writes the open policy (no checks, no approvals anywhere) to `dir` for `slipway policy set`,
 * for tests about something other than approvals: since ADR 0024 the tier defaults hold prod
 * from the start. Returns its path.
 */
export function writeOpenPolicy(dir: string): string {
  const path = join(dir, 'open-policy.json');
  writeFileSync(path, `${JSON.stringify(openPolicy, null, 2)}\n`);
  return path;
}

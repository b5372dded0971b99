import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/conformance` from the repository root: public suites kept outside the repo. */
export const sharedConformance = resolve(
  fileURLToPath(new URL('../../../shared/conformance', import.meta.url)),
);

export function sharedPath(...parts: string[]): string {
  const path = join(sharedConformance, ...parts);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: the conformance suites need ../shared/conformance`);
  }
  return path;
}

export function readShared(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}

export function readSharedJson(...parts: string[]): unknown {
  return JSON.parse(readShared(...parts)) as unknown;
}

/** The `.json` files of a shared folder, sorted, as [name, parsed]. */
export function sharedJsonFiles(...parts: string[]): [string, unknown][] {
  const dir = sharedPath(...parts);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [name, JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown]);
}

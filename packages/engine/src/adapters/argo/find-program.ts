import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The executable a program name runs (a path as given, a bare name looked up on PATH), or undefined. */
export function findProgram(program: string, path: string | undefined): string | undefined {
  if (program.includes('/')) return isExecutable(program) ? program : undefined;
  for (const directory of (path ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, program);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

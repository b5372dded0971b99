import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CLI package's version, from its package.json: the nearest one above this module named
 * `@slipway/cli` (the compiled file and the bundle's chunks sit at different depths).
 */
export function cliVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === '@slipway/cli') return manifest.version ?? '0.0.0';
    } catch {
      // No package.json here: keep looking upwards.
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

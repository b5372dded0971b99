import { readFileSync } from 'node:fs';

/** The CLI package's version, read once at start-up from its package.json. */
export function cliVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  const manifest = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { CliGitWorkTree } from '@slipway/engine';

/** The notes `slipway release` wrote into the annotated tag: its message after the title line. */
export async function readTagNotes(cwd: string, tag: string): Promise<string | null> {
  const message = await new CliGitWorkTree({ cwd }).tagMessage(tag);
  const body = (message ?? '').split('\n').slice(1).join('\n').trim();
  return body === '' ? null : `${body}\n`;
}

/**
 * The artifact files named by `paths`: files as given, directories by the files directly in
 * them (hidden ones left out). A default location that does not exist yields nothing; a path the
 * user named must exist.
 */
export async function artifactPaths(
  cwd: string,
  paths: readonly string[],
  named: boolean,
): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) {
      if (!named) continue;
      throw new SlipwayError('USAGE', `artifact path ${path} does not exist`, { subject: path });
    }
    if (info.isFile()) {
      files.push(absolute);
      continue;
    }
    const entries = await readdir(absolute, { withFileTypes: true });
    files.push(
      ...entries
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
        .map((entry) => join(absolute, entry.name))
        .sort(),
    );
  }
  return [...new Set(files)];
}

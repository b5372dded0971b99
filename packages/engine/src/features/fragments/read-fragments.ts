import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { FragmentConfig, FragmentEntry } from '@slipway/core';
import { SlipwayError, parseFragment, parseFragmentName } from '@slipway/core';

// Enough to keep the disk busy, few enough never to run out of file descriptors.
const readConcurrency = 32;

export interface ReadFragmentsResult {
  /** Sorted by file path, so notes do not depend on directory order. */
  entries: FragmentEntry[];
  /** One message per file that is not a valid fragment, naming the file. */
  problems: string[];
}

/**
 * Reads every fragment under `config.directory` (relative to `root`) with one recursive
 * readdir. Files directly in the directory and one level down are read: per-type directories
 * (`feature/123.md`) and towncrier section directories (`web/123.feature.md`).
 * A missing directory means no fragments.
 */
export async function readFragments(
  root: string,
  config: FragmentConfig,
): Promise<ReadFragmentsResult> {
  const dir = resolve(root, config.directory);
  const files = await listFiles(dir);
  const texts = await mapLimited(files, readConcurrency, (file) =>
    readFile(join(dir, file), 'utf8'),
  );
  const results = files.map((file, index) => parseFragment(file, texts[index] ?? '', config));
  const entries: FragmentEntry[] = [];
  const problems: string[] = [];
  for (const result of results) {
    if (result.kind === 'entry') entries.push(result.entry);
    else if (result.kind === 'problem') problems.push(result.message);
  }
  problems.push(
    ...duplicates(
      entries.map((entry) => entry.file),
      config,
    ),
  );
  return { entries, problems };
}

async function listFiles(dir: string): Promise<string[]> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new SlipwayError('FRAGMENT_INVALID', `cannot read the fragment directory ${dir}`, {
      cause: error,
      subject: dir,
    });
  }
  return dirents
    .filter((dirent) => dirent.isFile())
    .map((dirent) => relative(dir, join(dirent.parentPath, dirent.name)).split(sep).join('/'))
    .filter((file) => {
      const segments = file.split('/');
      return (
        segments.length <= 2 && !segments.slice(0, -1).some((segment) => segment.startsWith('.'))
      );
    })
    .sort();
}

// towncrier refuses two files for one issue, type and counter (`1.feature.md`, `1.feature.rst`).
function duplicates(files: readonly string[], config: FragmentConfig): string[] {
  const keys = config.types.map((type) => type.key);
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    const parsed = parseFragmentName(file.slice(slash + 1), keys, config.orphanPrefix);
    if (parsed.kind !== 'fragment' || parsed.issue === null) continue;
    const key = `${file.slice(0, slash + 1)}${parsed.issue}.${parsed.type}.${parsed.counter}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, file);
    else problems.push(`${file}: same issue, type and counter as ${first}`);
  }
  return problems;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

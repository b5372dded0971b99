import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { TarEntry } from './tar-archive.js';
import { writeTar } from './tar-archive.js';

/**
 * A bundle directory as the one tar `export --out <file>.tar` writes for it: the items in
 * manifest order, the reports, the manifest last. Only what the manifest names goes in.
 */
export function tarBundleDirectory(dir: string): Buffer {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new SlipwayError('USAGE', `${dir} holds no manifest.json: not an evidence bundle`, {
      subject: dir,
    });
  }
  const manifestBytes = readFileSync(manifestPath);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as EvidenceManifest;
  const seen = new Set<string>();
  const entries: TarEntry[] = [];
  for (const item of manifest.items) {
    if (seen.has(item.path) || !/^blobs\/sha256\/[0-9a-f]{64}$/.test(item.path)) continue;
    seen.add(item.path);
    const path = join(dir, item.path);
    // A missing item stays missing: verification on the other side names it.
    if (existsSync(path)) entries.push({ name: item.path, content: readFileSync(path) });
  }
  for (const report of ['report.md', 'report.html']) {
    const path = join(dir, report);
    if (existsSync(path)) entries.push({ name: report, content: readFileSync(path) });
  }
  entries.push({ name: 'manifest.json', content: manifestBytes });
  return writeTar(entries);
}

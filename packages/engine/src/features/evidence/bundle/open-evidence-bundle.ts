import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { SlipwayError } from '@slipway/core';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readTar } from './tar-archive.js';

/**
 * A bundle directory as it is, or a `.tar` bundle extracted into a private temporary directory;
 * `close` removes what was extracted.
 */
export function openEvidenceBundle(path: string): { dir: string; close: () => void } {
  if (!existsSync(path)) {
    throw new SlipwayError('USAGE', `no evidence bundle at ${path}`, { subject: path });
  }
  if (!statSync(path).isFile()) return { dir: path, close: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'slipway-evidence-'));
  try {
    for (const entry of readTar(readFileSync(path), path)) {
      mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
      writeFileSync(join(dir, entry.name), entry.content);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}

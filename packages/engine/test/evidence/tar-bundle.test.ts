import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEvidenceBundle, readTar, writeTar } from '@slipway/engine';
import { makeTempDir } from '@slipway/test-utils';
import type { TempDir } from '@slipway/test-utils';

const dirs: TempDir[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});
function tempDir(): string {
  const dir = makeTempDir('slipway-tar-');
  dirs.push(dir);
  return dir.path;
}

const files = [
  { name: `blobs/sha256/${'a'.repeat(64)}`, content: Buffer.from('{"payload":"x"}\n') },
  { name: 'manifest.json', content: Buffer.alloc(1500, 'm') },
];

describe('tar bundles', () => {
  it('are read by GNU tar, and the same files give the same bytes', () => {
    const dir = tempDir();
    const archive = join(dir, 'bundle.tar');
    writeFileSync(archive, writeTar(files));
    expect(writeTar(files).equals(readFileSync(archive))).toBe(true);
    const listed = spawnSync('tar', ['-tf', archive], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual(files.map((f) => f.name));
    const out = join(dir, 'out');
    mkdirSync(out);
    expect(spawnSync('tar', ['-xf', archive, '-C', out]).status).toBe(0);
    expect(
      readFileSync(join(out, 'manifest.json')).equals(files[1]?.content ?? Buffer.alloc(0)),
    ).toBe(true);
  });

  it('read what GNU tar writes, and open into a temporary directory that close removes', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src', 'blobs'), { recursive: true });
    writeFileSync(join(dir, 'src', 'manifest.json'), '{}');
    writeFileSync(join(dir, 'src', 'blobs', 'one'), 'one');
    expect(
      spawnSync('tar', ['-cf', join(dir, 'gnu.tar'), '-C', join(dir, 'src'), '.']).status,
    ).toBe(0);
    const names = readTar(readFileSync(join(dir, 'gnu.tar')), 'gnu.tar')
      .map((e) => e.name)
      .sort();
    expect(names).toEqual(['blobs/one', 'manifest.json']);
    const opened = openEvidenceBundle(join(dir, 'gnu.tar'));
    expect(readFileSync(join(opened.dir, 'blobs', 'one'), 'utf8')).toBe('one');
    opened.close();
    expect(() => readFileSync(join(opened.dir, 'manifest.json'))).toThrow();
  });

  it('refuse entries that point outside the archive', () => {
    const evil = writeTar([{ name: '../escape', content: Buffer.from('x') }]);
    expect(() => readTar(evil, 'evil.tar')).toThrow(/points outside the archive/);
  });
});

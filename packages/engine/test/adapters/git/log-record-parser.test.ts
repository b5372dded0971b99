import type { RawCommit } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import { LogRecordParser } from '../../../src/adapters/git/log-record-parser.js';

function record(fields: readonly string[]): Buffer {
  return Buffer.concat(fields.map((field) => Buffer.from(`${field}\0`, 'utf8')));
}

const first = ['a'.repeat(40), '', 'Zoë 山田', 'zoe@example.com', '1700000000', '1700000060'];
const second = ['b'.repeat(40), `${'a'.repeat(40)} ${'c'.repeat(40)}`, 'Bob', 'b@x', '1', '2'];
const stream = Buffer.concat([
  record([...first, 'feat: 🚀 ロケット\r\n\r\nbody ✓\r\n']),
  record([...second, 'Merge pull request #1\n\nline\n\n']),
]);

/** Decoded chunk by chunk (decodeBytes 1), so that records and fields cross chunk ends. */
function parseInChunks(bytes: Buffer, size: number): { commits: RawCommit[]; complete: boolean } {
  const parser = new LogRecordParser('full', 1);
  const commits: RawCommit[] = [];
  for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size), commits);
  return { commits, complete: parser.isComplete() };
}

describe('LogRecordParser', () => {
  it('parses every field and drops the trailing newlines git adds', () => {
    const { commits, complete } = parseInChunks(stream, stream.length);
    expect(complete).toBe(true);
    expect(commits).toEqual([
      {
        sha: 'a'.repeat(40),
        parents: [],
        authorName: 'Zoë 山田',
        authorEmail: 'zoe@example.com',
        authorTime: 1700000000,
        committerTime: 1700000060,
        message: 'feat: 🚀 ロケット\r\n\r\nbody ✓',
      },
      {
        sha: 'b'.repeat(40),
        parents: ['a'.repeat(40), 'c'.repeat(40)],
        authorName: 'Bob',
        authorEmail: 'b@x',
        authorTime: 1,
        committerTime: 2,
        message: 'Merge pull request #1\n\nline',
      },
    ]);
  });

  it('gives the same commits for every chunk size, splitting multi-byte characters', () => {
    const whole = parseInChunks(stream, stream.length).commits;
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const { commits, complete } = parseInChunks(stream, size);
      expect(complete).toBe(true);
      expect(commits).toEqual(whole);
    }
  });

  it('reports a stream cut inside a record as incomplete', () => {
    const { commits, complete } = parseInChunks(stream.subarray(0, stream.length - 10), 16);
    expect(commits).toHaveLength(1);
    expect(complete).toBe(false);
  });

  it('keeps each commit its own author through runs and changes of author', () => {
    const people = [
      ['Ann', 'ann@x'],
      ['Ann', 'ann@x'],
      ['Bob', 'bob@x'],
      ['Ann', 'ann@y'],
      ['', ''],
      ['Annette', 'ann@y'],
    ];
    const bytes = Buffer.concat(
      people.map(([name = '', email = ''], at) =>
        record([String(at).repeat(40), '', name, email, '1', '2', `fix: ${at}\n\n\n`]),
      ),
    );
    for (const size of [bytes.length, 5, 64]) {
      const { commits, complete } = parseInChunks(bytes, size);
      expect(complete).toBe(true);
      expect(commits.map((commit) => [commit.authorName, commit.authorEmail])).toEqual(people);
      expect(commits.map((commit) => commit.message)).toEqual(people.map((_, at) => `fix: ${at}`));
    }
  });

  it('decodes a quarter megabyte at a time by default, and the rest when finished', () => {
    const one = (at: number): Buffer =>
      record([at.toString(16).padStart(40, '0'), '', 'Ann', 'a@x', '1', '2', `fix: ${at}\n`]);
    const bytes = Buffer.concat(Array.from({ length: 6000 }, (_, at) => one(at)));
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const parser = new LogRecordParser();
    const commits: RawCommit[] = [];
    const seen: number[] = [];
    for (let i = 0; i < bytes.length; i += 65536) {
      parser.push(bytes.subarray(i, i + 65536), commits);
      seen.push(commits.length);
    }
    // Nothing before the fourth 64 KB chunk; records of the first quarter megabyte after it.
    expect(seen.slice(0, 3)).toEqual([0, 0, 0]);
    expect(seen[3]).toBeGreaterThan(0);
    expect(parser.isComplete()).toBe(false);
    expect(parser.finish(commits)).toBe(true);
    expect(commits.map((commit) => commit.message)).toEqual(
      Array.from({ length: 6000 }, (_, at) => `fix: ${at}`),
    );
  });

  it('says a stream cut inside a record is incomplete once finished', () => {
    const parser = new LogRecordParser();
    const commits: RawCommit[] = [];
    parser.push(stream.subarray(0, stream.length - 10), commits);
    expect(parser.finish(commits)).toBe(false);
    expect(commits).toHaveLength(1);
  });
});

#!/usr/bin/env node
// The `slipway` executable. It compiles the CLI's bundle with V8's code cache, so that a run
// does not parse and compile the same half megabyte of JavaScript again: the bytecode a run
// produced is kept in the user's cache directory and handed back to V8 on the next run of the
// same command (ADR 0028). Node 20 has no module compile cache of its own.
/* eslint-disable @typescript-eslint/no-require-imports -- the launcher is CommonJS: it starts
   before any ES module loader and compiles the bundle itself. */
import fs = require('node:fs');
import os = require('node:os');
import path = require('node:path');
import vm = require('node:vm');

const { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = fs;
const { join } = path;

const bundle = join(__dirname, 'slipway-bundle.cjs');

/** The CommonJS module wrapper, on the source's first line so that line numbers still hold. */
function wrapped(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/**
 * Where compiled code is kept: SLIPWAY_COMPILE_CACHE (a directory, or `off`), else the user's
 * cache directory. Never a directory other users can write: V8 runs what the cache holds.
 */
function cacheDirectory(): string | null {
  const configured = process.env['SLIPWAY_COMPILE_CACHE'];
  if (configured === 'off') return null;
  if (configured !== undefined && configured !== '') return configured;
  const base = process.env['XDG_CACHE_HOME'] ?? '';
  return join(base === '' ? join(os.homedir(), '.cache') : base, 'slipway', 'compile-cache');
}

/**
 * One cache per command (each compiles its own functions) and per build of the bundle and of
 * Node: V8 checks a cache's flags and version, but of the source only its length.
 */
function cacheFile(directory: string, argv: readonly string[]): string {
  const { size, mtimeMs } = statSync(bundle);
  const first = argv[0] ?? '';
  const command = /^[a-z][a-z-]{0,31}$/.test(first) ? first : 'default';
  const build = `${process.version}-${process.arch}-${size}-${Math.floor(mtimeMs)}`;
  return join(directory, `${build}-${command}.bin`);
}

/** Best effort: a cache that cannot be written only means the next run compiles again. */
function writeCache(file: string, script: vm.Script, directory: string): void {
  const partial = `${file}.${process.pid}`;
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // Read-only or full: run without a cache, and leave no half-written file behind.
    try {
      unlinkSync(partial);
    } catch {
      // Never written.
    }
  }
}

function launch(): void {
  const directory = cacheDirectory();
  if (directory === null) {
    require(bundle);
    return;
  }
  const file = cacheFile(directory, process.argv.slice(2));
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  // The bundle imports nothing dynamically (it requires the heavy commands' CommonJS bundle):
  // such a script could not without an experimental flag.
  const script = new vm.Script(wrapped(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  // Written at exit, when the run has compiled the functions this command uses.
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => writeCache(file, script, directory));
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, require, module, bundle, __dirname);
}

launch();

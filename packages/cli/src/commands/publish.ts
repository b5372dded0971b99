import { readFile, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { UploadResult } from '@slipway/engine';
import {
  mintUploadToken,
  pypircRepository,
  trustedPublishingCi,
  uploadDistribution,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

interface PublishOptions {
  repository?: string;
  repositoryUrl?: string;
  username?: string;
  password?: string;
  configFile?: string;
  skipExisting?: boolean;
  trustedPublishing?: boolean;
}

const distributionFile = /\.(whl|tar\.gz|zip)$/;

/** `slipway publish`: wheels and sdists to an index with the upload API twine uses. */
export function registerPublishCommand(program: Command, context: CliContext): void {
  program
    .command('publish')
    .description(
      'upload wheels and sdists (default dist/*) to a package index: slipway serve’s /legacy/, PyPI, or any twine-compatible index',
    )
    .argument('[files...]', 'distribution files (default: the wheels and sdists in dist/)')
    .option(
      '--repository-url <url>',
      'the upload URL (default: --server’s /legacy/, else ~/.pypirc)',
    )
    .option('-r, --repository <name>', 'a repository of ~/.pypirc (default pypi)')
    .option(
      '-u, --username <name>',
      'user (default TWINE_USERNAME, the .pypirc entry, or __token__)',
    )
    .option(
      '-p, --password <secret>',
      'password or API token (default TWINE_PASSWORD, SLIPWAY_TOKEN)',
    )
    .option('--config-file <path>', 'the .pypirc to read (default ~/.pypirc)')
    .option(
      '--skip-existing',
      'files the index has already count as done (twine’s --skip-existing)',
    )
    .option(
      '--trusted-publishing',
      'exchange the CI’s OIDC token for an upload token (default when no password is given in GitHub Actions or GitLab CI)',
    )
    .action(async (files: string[], options: PublishOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd, server } = globalOptions(command, context.streams);
      const env = context.streams.env;
      const paths =
        files.length > 0 ? files.map((file) => resolve(cwd, file)) : await distFiles(cwd);
      const target = await targetOf(options, server, env);
      const results: UploadResult[] = [];
      for (const path of paths) {
        const result = await uploadDistribution(path, {
          ...target,
          skipExisting: options.skipExisting === true,
        });
        results.push(result);
        if (!output.json) {
          const word =
            result.outcome === 'uploaded'
              ? output.style.green('uploaded')
              : output.style.yellow('skipped (exists)');
          output.line(`${word} ${result.filename} ${output.style.dim(`sha256:${result.sha256}`)}`);
        }
      }
      if (output.json) output.data({ repository: target.url, files: results });
      context.exitCode = ExitCode.success;
    });
}

async function distFiles(cwd: string): Promise<string[]> {
  const dir = join(cwd, 'dist');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    names = [];
  }
  const found = names.filter((name) => distributionFile.test(name)).sort();
  if (found.length === 0) {
    throw new SlipwayError('USAGE', `no wheels or sdists in ${dir}`, {
      subject: dir,
      hint: 'run `slipway build` first, or name the files',
    });
  }
  return found.map((name) => join(dir, name));
}

/** URL and credentials: flags, then TWINE_* / SLIPWAY_TOKEN, then ~/.pypirc, as twine orders them. */
async function targetOf(
  options: PublishOptions,
  server: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; username: string; password: string }> {
  let url = options.repositoryUrl ?? env['TWINE_REPOSITORY_URL'];
  let fromFile: { username: string | undefined; password: string | undefined } = {
    username: undefined,
    password: undefined,
  };
  if (url === undefined && options.repository === undefined && server !== undefined) {
    url = `${server.replace(/\/$/, '')}/legacy/`;
  }
  if (url === undefined) {
    const path = options.configFile ?? join(env['HOME'] ?? homedir(), '.pypirc');
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch {
      // No file: only pypi and testpypi are known, by their default URLs.
    }
    const repository = pypircRepository(
      text,
      options.repository ?? env['TWINE_REPOSITORY'] ?? 'pypi',
    );
    url = repository.repository;
    fromFile = repository;
  }
  const username = options.username ?? env['TWINE_USERNAME'] ?? fromFile.username ?? '__token__';
  const password =
    options.password ?? env['TWINE_PASSWORD'] ?? fromFile.password ?? env['SLIPWAY_TOKEN'];
  const trusted =
    options.trustedPublishing === true ||
    ((password === undefined || password === '') && trustedPublishingCi(env) !== undefined);
  if (trusted) return { url, username: '__token__', password: await mintUploadToken(url, env) };
  if (password === undefined || password === '') {
    throw new SlipwayError('USAGE', `no password or token for ${url}`, {
      subject: '--password',
      hint: 'pass --password, set TWINE_PASSWORD (or SLIPWAY_TOKEN), or add it to ~/.pypirc',
    });
  }
  return { url, username, password };
}

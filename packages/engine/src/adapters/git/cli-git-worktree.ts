import { spawn } from 'node:child_process';
import { SlipwayError } from '@slipway/core';
import type { GitWorkTreePort } from './git-worktree-port.js';
import { collectStderr, gitEnv, gitFailure, runGit, waitForExit } from './run-git.js';
import type { GitProcessOptions } from './run-git.js';

export class CliGitWorkTree implements GitWorkTreePort {
  private readonly options: GitProcessOptions;

  constructor(options: { cwd: string; gitBinary?: string }) {
    this.options = { cwd: options.cwd, gitBinary: options.gitBinary ?? 'git' };
  }

  async trackedChanges(): Promise<string[]> {
    const result = await runGit(this.options, ['status', '--porcelain', '--untracked-files=no']);
    return result.stdout.split('\n').filter((line) => line.trim() !== '');
  }

  async stage(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    await runGit(this.options, ['add', '--all', '--', ...paths]);
  }

  async commit(message: string): Promise<string> {
    await this.withInput(['commit', '--quiet', '--file=-'], message);
    return (await runGit(this.options, ['rev-parse', 'HEAD'])).stdout.trim();
  }

  async createTag(name: string, message: string): Promise<void> {
    // verbatim: the notes' Markdown headings start with '#', which the default cleanup strips.
    await this.withInput(
      ['tag', '--annotate', '--cleanup=verbatim', '--file=-', '--', name],
      message,
    );
  }

  async deleteTag(name: string): Promise<void> {
    await runGit(this.options, ['tag', '--delete', '--', name]);
  }

  async tagExists(name: string): Promise<boolean> {
    const args = ['rev-parse', '--verify', '--quiet', `refs/tags/${name}`];
    return (await runGit(this.options, args, [1])).exitCode === 0;
  }

  async tagMessage(name: string): Promise<string | null> {
    const args = ['for-each-ref', '--format=%(objecttype)%00%(contents)', `refs/tags/${name}`];
    const [type, ...message] = (await runGit(this.options, args)).stdout.split('\0');
    return type === 'tag' ? message.join('\0') : null;
  }

  async resetHard(sha: string): Promise<void> {
    if (sha.startsWith('-')) {
      throw new SlipwayError('USAGE', `invalid git revision: ${JSON.stringify(sha)}`);
    }
    await runGit(this.options, ['reset', '--quiet', '--hard', sha]);
  }

  async push(
    remote: string,
    refs: readonly string[],
    options: { force?: boolean } = {},
  ): Promise<void> {
    const args = [
      'push',
      '--atomic',
      '--porcelain',
      ...(options.force === true ? ['--force-with-lease'] : []),
      remote,
      ...refs,
    ];
    await runGit(this.options, args);
  }

  /** Runs git with `input` on stdin (commit and tag messages can exceed an argument's size). */
  private async withInput(args: readonly string[], input: string): Promise<void> {
    const child = spawn(this.options.gitBinary, args, {
      cwd: this.options.cwd,
      env: gitEnv(),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const stderr = collectStderr(child);
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    let exitCode: number;
    try {
      exitCode = await waitForExit(child);
    } catch (error) {
      throw gitFailure(
        this.options,
        args,
        error instanceof Error ? error.message : String(error),
        error,
      );
    }
    if (exitCode !== 0) {
      throw gitFailure(this.options, args, `exit ${exitCode}: ${stderr() || '(no output)'}`);
    }
  }
}

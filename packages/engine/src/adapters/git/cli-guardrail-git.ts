import type { CommitSignature } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { CommitSummary, GuardrailGitPort, SignerTrust } from './guardrail-git-port.js';
import {
  collectStderr,
  gitFailure,
  spawnGit,
  waitForExit,
  type GitProcessOptions,
  type GitResult,
} from './run-git.js';

export interface CliGuardrailGitOptions {
  readonly cwd: string;
  readonly gitBinary?: string;
}

// Independent verifications run side by side; each is one git and one gpg/ssh-keygen process.
const VERIFY_CONCURRENCY = 8;

function checkRevision(rev: string): string {
  if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev)) {
    throw new SlipwayError('USAGE', `invalid git revision: ${JSON.stringify(rev)}`, {
      subject: rev,
    });
  }
  return rev;
}

/** The guardrail queries over the git command line. */
export class CliGuardrailGit implements GuardrailGitPort {
  private readonly options: GitProcessOptions;

  constructor(options: CliGuardrailGitOptions) {
    this.options = { cwd: options.cwd, gitBinary: options.gitBinary ?? 'git' };
  }

  async resolveCommit(rev: string): Promise<string | null> {
    const args = ['rev-parse', '--verify', '--quiet', `${checkRevision(rev)}^{commit}`];
    const result = await this.run(args, [1, 128]);
    return result.exitCode === 0 ? result.stdout.trim() : null;
  }

  async signatures(base: string, head: string, trust: SignerTrust): Promise<CommitSignature[]> {
    const config = trustConfig(trust);
    const env = trust.gpgHome === null ? {} : { GNUPGHOME: trust.gpgHome };
    // One log for what git reads from every signature; the verdict is `git verify-commit`'s own.
    const log = await this.run(
      [...config, 'log', '--format=%H%x00%G?%x00%GS%x00%GK', range(base, head), '--'],
      [],
      env,
    );
    const rows = log.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [sha = '', status = 'N', signer = '', key = ''] = line.split('\0');
        return { sha, status, signer, key };
      });
    const allowed = await mapLimited(rows, VERIFY_CONCURRENCY, async (row) =>
      row.status === 'N'
        ? false
        : (await this.run([...config, 'verify-commit', row.sha], [1], env)).exitCode === 0,
    );
    return rows.map((row, index) => ({ ...row, allowed: allowed[index] ?? false }));
  }

  async commitSummaries(base: string, head: string): Promise<CommitSummary[]> {
    const result = await this.run([
      'log',
      '--format=%H%x00%P%x00%ct%x00%s',
      range(base, head),
      '--',
    ]);
    return result.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [sha = '', parents = '', time = '0', subject = ''] = line.split('\0');
        return {
          sha,
          parents: parents === '' ? [] : parents.split(' '),
          committerTime: Number(time),
          subject,
        };
      });
  }

  async unported(upstream: string, head: string): Promise<string[]> {
    const result = await this.run(['cherry', checkRevision(upstream), checkRevision(head)]);
    return result.stdout
      .split('\n')
      .filter((line) => line.startsWith('+ '))
      .map((line) => line.slice(2).trim());
  }

  async branches(): Promise<string[]> {
    const result = await this.run([
      'for-each-ref',
      '--format=%(refname)',
      'refs/heads',
      'refs/remotes',
    ]);
    return result.stdout
      .split('\n')
      .filter((ref) => ref !== '' && !ref.endsWith('/HEAD'))
      .map((ref) => ref.replace(/^refs\/(?:heads|remotes)\//, ''));
  }

  async commitTime(rev: string): Promise<number> {
    const result = await this.run(['log', '-1', '--format=%ct', checkRevision(rev), '--']);
    return Number(result.stdout.trim());
  }

  private async run(
    args: readonly string[],
    allowed: readonly number[] = [],
    env: Record<string, string> = {},
  ): Promise<GitResult> {
    const child = spawnGit(this.options, args, env);
    const stderr = collectStderr(child);
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
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
    if (exitCode !== 0 && !allowed.includes(exitCode)) {
      throw gitFailure(this.options, args, `exit ${exitCode}: ${stderr() || '(no output)'}`);
    }
    return { stdout: Buffer.concat(chunks).toString('utf8'), stderr: stderr(), exitCode };
  }
}

function range(base: string, head: string): string {
  return `${checkRevision(base)}..${checkRevision(head)}`;
}

function trustConfig(trust: SignerTrust): string[] {
  return trust.allowedSigners === null
    ? []
    : ['-c', `gpg.ssh.allowedSignersFile=${trust.allowedSigners}`];
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

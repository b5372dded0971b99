import { relative } from 'node:path';
import type { Command } from 'commander';
import { fragmentsBump, normalizeIssue } from '@slipway/core';
import { addFragment, loadFragmentConfig, readFragments } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

interface FragmentAddOptions {
  issue?: string;
  message?: string;
}

export function registerFragmentCommand(program: Command, context: CliContext): void {
  const fragment = program
    .command('fragment')
    .description(
      'news fragments: one file per change, read at release time (towncrier-compatible)',
    );

  fragment
    .command('add <type>')
    .description('create a fragment file such as newsfragments/123.feature.md')
    .option(
      '--issue <ref>',
      'issue or pull request (123, #123, gh-123); without it: an orphan fragment',
    )
    .option(
      '-m, --message <text>',
      'the fragment text (default: stdin when piped, else a placeholder)',
    )
    .action(async (type: string, options: FragmentAddOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const { config } = await loadFragmentConfig(cwd);
      const message = options.message ?? (await readPipedStdin());
      const path = await addFragment(cwd, config, {
        type,
        ...(options.issue === undefined ? {} : { issue: options.issue }),
        ...(message === null ? {} : { message }),
      });
      const issue = options.issue === undefined ? null : normalizeIssue(options.issue);
      if (output.json) output.data({ path, type, issue });
      else output.line(`created ${relative(cwd, path) || path}`);
      context.exitCode = ExitCode.success;
    });

  fragment
    .command('list')
    .description(
      'list the fragments of the next release and the files that are not valid fragments',
    )
    .action(async (_options: unknown, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const { config, source } = await loadFragmentConfig(cwd);
      const { entries, problems } = await readFragments(cwd, config);
      const bump = fragmentsBump(entries);
      if (output.json) {
        output.data({ directory: config.directory, source, bump, entries, problems });
      } else {
        const { style } = output;
        output.line(
          `${style.bold(config.directory)}: ${entries.length} fragment${entries.length === 1 ? '' : 's'}${bump === null ? '' : ` (${bump})`}`,
        );
        // Grouped in the notes' order: what users must act on first.
        const order = config.types.map((type) => type.key);
        const byType = [...entries].sort(
          (a, b) => order.indexOf(a.type) - order.indexOf(b.type) || (a.file < b.file ? -1 : 1),
        );
        for (const entry of byType) {
          const issue =
            entry.issue === null ? '' : ` ${/^\d+$/.test(entry.issue) ? '#' : ''}${entry.issue}`;
          const text = entry.text.split('\n')[0] ?? '';
          output.line(
            `  ${style.cyan(entry.type)}${issue}: ${text === '' ? style.dim(entry.file) : text}`,
          );
        }
      }
      for (const problem of problems) output.warn(problem);
      // Problems fail the command, so CI can run `slipway fragment list` as a check.
      context.exitCode = problems.length === 0 ? ExitCode.success : ExitCode.failure;
    });
}

// The message can be piped in (`git log -1 --format=%s | slipway fragment add feature`); on a
// terminal, waiting for typed input would look like a hang, so a placeholder is written instead.
async function readPipedStdin(): Promise<string | null> {
  if (process.stdin.isTTY === true) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? null : text;
}

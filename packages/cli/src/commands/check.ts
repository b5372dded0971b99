import { writeFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { GuardrailReport, GuardrailRule } from '@slipway/core';
import {
  SlipwayError,
  gitlabCodeQuality,
  guardrailRules,
  renderGithubAnnotations,
} from '@slipway/core';
import {
  createGuardrailCheckServiceFor,
  detectCiContext,
  pullRequestRangeFor,
  pullRequestTitle,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';

const formats = ['text', 'json', 'github', 'gitlab'] as const;
type CheckFormat = (typeof formats)[number];

interface CheckOptions {
  readonly base?: string;
  readonly head?: string;
  readonly format?: string;
  readonly output?: string;
  readonly rule?: readonly string[];
  readonly pr?: string;
}

export function registerCheckCommand(program: Command, context: CliContext): void {
  program
    .command('check')
    .description('check a pull request or a range of commits against the [check] guardrails')
    .argument('[range]', 'base..head; default: the pull request CI names, else [check] base..HEAD')
    .option(
      '--base <ref>',
      'the branch the commits go into (default: CI pull request target, else [check] base)',
    )
    .option('--head <ref>', 'the last commit to check (default HEAD)')
    .option(
      '--pr <number>',
      'check this pull (merge) request: base and head from the GitHub or GitLab API',
    )
    .option('--format <format>', `output: ${formats.join(', ')} (default text; --json means json)`)
    .option(
      '--output <file>',
      'write the report to this file (e.g. a GitLab code quality artifact)',
    )
    .option('--rule <rule...>', `only these rules: ${guardrailRules.join(', ')}`)
    .action(async (rangeArg: string | undefined, options: CheckOptions, command: Command) => {
      const { cwd, json } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const format = checkFormat(options.format, json);
      const forge =
        options.pr === undefined
          ? null
          : await pullRequestRangeFor(cwd, prNumber(options, rangeArg), context.streams.env);
      const { base, head } = forge ?? checkedRange(rangeArg, options, context.streams.env);
      const ci = detectCiContext(context.streams.env);
      // The CI's pull request is checked only when the command did not name another range.
      const title =
        forge !== null
          ? forge.pullRequestTitle
          : rangeArg === undefined && options.base === undefined
            ? await pullRequestTitle(ci, context.streams.env)
            : null;
      const service = await createGuardrailCheckServiceFor(cwd);
      const report = await service.check({
        ...(base === undefined ? {} : { base }),
        ...(head === undefined ? {} : { head }),
        ...(options.rule === undefined ? {} : { only: checkRules(options.rule) }),
        ...(title === null ? {} : { pullRequestTitle: title }),
      });
      const text = render(report, format, output);
      if (options.output === undefined) context.streams.stdout.write(text);
      else {
        writeAtomically(resolve(cwd, options.output), text);
        if (format !== 'text') output.line(summary(report, output));
      }
      context.exitCode = report.passed ? ExitCode.success : ExitCode.failure;
    });
}

function prNumber(options: CheckOptions, range: string | undefined): number {
  const value = options.pr ?? '';
  if (range !== undefined || options.base !== undefined || options.head !== undefined) {
    throw new SlipwayError('USAGE', 'give either --pr or a range (--base/--head), not both', {
      subject: '--pr',
    });
  }
  if (!/^[1-9]\d{0,9}$/.test(value)) {
    throw new SlipwayError(
      'USAGE',
      `--pr ${JSON.stringify(value)}: expected a pull request number`,
      {
        subject: '--pr',
      },
    );
  }
  return Number(value);
}

function checkFormat(value: string | undefined, json: boolean): CheckFormat {
  if (value === undefined) return json ? 'json' : 'text';
  if ((formats as readonly string[]).includes(value)) return value as CheckFormat;
  throw new SlipwayError(
    'USAGE',
    `--format ${JSON.stringify(value)}: expected one of ${formats.join(', ')}`,
    {
      subject: value,
    },
  );
}

function checkRules(values: readonly string[]): GuardrailRule[] {
  const names = values.flatMap((value) => value.split(',')).filter((value) => value !== '');
  for (const name of names) {
    if (!(guardrailRules as readonly string[]).includes(name)) {
      throw new SlipwayError(
        'USAGE',
        `--rule ${JSON.stringify(name)}: expected one of ${guardrailRules.join(', ')}`,
        {
          subject: name,
        },
      );
    }
  }
  return names as GuardrailRule[];
}

/** A range argument, else the options, else the pull request the CI is building. */
function checkedRange(
  range: string | undefined,
  options: CheckOptions,
  env: NodeJS.ProcessEnv,
): { base: string | undefined; head: string | undefined } {
  if (range !== undefined) {
    const match = /^(.+?)\.\.(.+)$/.exec(range);
    if (match === null || match[2]?.startsWith('.') === true) {
      throw new SlipwayError('USAGE', `range ${JSON.stringify(range)}: expected base..head`, {
        subject: range,
      });
    }
    if (options.base !== undefined || options.head !== undefined) {
      throw new SlipwayError('USAGE', 'give either a range or --base/--head, not both');
    }
    return { base: match[1], head: match[2] };
  }
  const fromCi = detectCiContext(env).pullRequest?.baseBranch ?? undefined;
  return { base: options.base ?? fromCi, head: options.head };
}

function render(report: GuardrailReport, format: CheckFormat, output: Output): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'github':
      return `${renderGithubAnnotations(report)}${summary(report, output)}\n`;
    case 'gitlab':
      return `${JSON.stringify(gitlabCodeQuality(report), null, 2)}\n`;
    case 'text':
      return textReport(report, output);
  }
}

function textReport(report: GuardrailReport, output: Output): string {
  const { style } = output;
  const lines = [
    `${style.bold('slipway check')} ${report.base}..${report.head}: ${report.commits} commit${report.commits === 1 ? '' : 's'}; rules: ${report.rules.join(', ') || 'none'}`,
  ];
  for (const finding of report.findings) {
    const mark = finding.severity === 'error' ? style.red('✗') : style.yellow('!');
    lines.push(`  ${mark} ${style.cyan(finding.rule)}: ${finding.message}`);
  }
  lines.push(summary(report, output));
  return `${lines.join('\n')}\n`;
}

function summary(report: GuardrailReport, output: Output): string {
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return report.passed
    ? output.style.green(`passed (${counts})`)
    : output.style.red(`failed (${counts})`);
}

// A reader (the CI uploading the artifact) never sees half a report.
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

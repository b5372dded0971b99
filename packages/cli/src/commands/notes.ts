import type { Command } from 'commander';
import { renderReleaseNotesMarkdown, SlipwayError } from '@slipway/core';
import type { PlanContext } from '@slipway/engine';
import { CliGit, createPlanServiceFor, notesForPlan, notesMarkdownForPlan } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { forgeMayEnrich, forgeNotesEnricher } from './forge-notes.js';
import { printWarnings } from './print-warnings.js';

interface NotesCommandOptions {
  package?: string;
  prerelease?: string;
  firstParent?: boolean;
  date?: string;
  forge?: boolean;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function registerNotesCommand(program: Command, context: CliContext): void {
  program
    .command('notes')
    .description('print the Markdown release notes of the next release')
    .option('--package <name>', 'the package of a monorepo whose notes to print')
    .option('--prerelease <id>', 'notes for a pre-release with this identifier')
    .option('--first-parent', 'follow only the first parent of merge commits')
    .option('--date <YYYY-MM-DD>', 'release date shown in the heading (default: today, UTC)')
    .option(
      '--forge',
      'add pull request titles and authors from GitHub/GitLab (default: with a token)',
    )
    .option('--no-forge', 'never ask the forge')
    .action(async (options: NotesCommandOptions, command: Command) => {
      const { cwd, cache } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      if (options.date !== undefined && !isoDate.test(options.date)) {
        throw new SlipwayError(
          'USAGE',
          `--date "${options.date}" is not a date in YYYY-MM-DD form`,
          {
            subject: '--date',
          },
        );
      }
      // Printed as Markdown and nothing else: the notes are folded as lines (ADR 0026).
      const markdownOnly = !output.json && !forgeMayEnrich(context.streams.env, options.forge);
      const planContext = await createPlanServiceFor(cwd, { cache }).plan({
        keepCommits: true,
        markdownOnly,
        ...(options.prerelease === undefined ? {} : { prerelease: options.prerelease }),
        ...(options.firstParent === true ? { firstParent: true } : {}),
        ...(options.package === undefined ? {} : { package: options.package }),
      });
      const git = new CliGit({ cwd });
      if (markdownOnly) {
        const markdown = await notesMarkdownForPlan(git, planContext, notesRequest(options));
        printWarnings(planContext.plan.warnings, output);
        if (markdown === null) nothingToRelease(planContext, output, context);
        else for (const chunk of markdown) context.streams.stdout.write(chunk);
        return;
      }
      const planned = await notesForPlan(git, planContext, notesRequest(options));
      const forge = await forgeNotesEnricher(
        git,
        planContext.config,
        context.streams.env,
        output,
        options.forge,
      );
      const notes = planned === null ? null : await forge.enrich(planned);
      printWarnings(planContext.plan.warnings, output);
      if (notes === null) {
        nothingToRelease(planContext, output, context);
        return;
      }
      const enrichment = forge.last();
      if (output.json)
        output.data({ notes, ...(enrichment === null ? {} : { forge: enrichment }) });
      else context.streams.stdout.write(renderReleaseNotesMarkdown(notes));
    });
}

function notesRequest(options: NotesCommandOptions): { date?: string } {
  return options.date === undefined ? {} : { date: options.date };
}

function nothingToRelease(
  planContext: PlanContext,
  output: ReturnType<typeof outputFor>,
  context: CliContext,
): void {
  if (output.json) output.data({ notes: null });
  else output.warn(`nothing to release since ${planContext.plan.currentTag ?? 'the first commit'}`);
  context.exitCode = ExitCode.nothingToRelease;
}

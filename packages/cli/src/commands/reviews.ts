import type { Command } from 'commander';
import type { ReviewView } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface ListOptions extends ControlPlaneOptions {
  all?: boolean;
  overdue?: boolean;
  asOf?: string;
}

interface CloseOptions extends ControlPlaneOptions {
  summary: string;
}

/** `slipway reviews [--overdue]`, `slipway reviews close <id> --summary …`. */
export function registerReviewsCommand(program: Command, context: CliContext): void {
  const reviews = program
    .command('reviews')
    .description('post-release reviews of break-glass deployments: list (default) and close');

  reviews
    .command('list', { isDefault: true })
    .description('list reviews (open ones by default)')
    .option('--all', 'closed ones too')
    .option('--overdue', 'only open reviews past their due date')
    .option('--as-of <instant>', 'judge overdue at this ISO 8601 instant instead of now')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: ListOptions, command: Command) => {
      const output = outputFor(command, context);
      const listed = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.listReviews({
          ...(options.all === true ? {} : { status: 'open' as const }),
          ...(options.overdue === true ? { overdue: true } : {}),
          ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
        }),
      );
      if (output.json) output.data({ reviews: listed });
      else {
        listed.forEach((review) => printReview(review, output));
        if (listed.length === 0) output.line(output.style.dim('no reviews'));
      }
      context.exitCode = ExitCode.success;
    });

  reviews
    .command('close')
    .description('close a review with a summary of what happened and what changes')
    .argument('<id>', 'the review id')
    .requiredOption('--summary <text>', 'what happened, and what changes because of it')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: CloseOptions, command: Command) => {
      const output = outputFor(command, context);
      const closed = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.closeReview(id, options.summary, { actor }),
      );
      if (output.json) output.data(closed);
      else printReview(closed, output);
      context.exitCode = ExitCode.success;
    });
}

function printReview(review: ReviewView, output: Output): void {
  const state = review.overdue
    ? output.style.red('overdue')
    : review.status === 'closed'
      ? 'closed'
      : output.style.yellow('open');
  output.line(
    `${review.id} ${state} ${review.service} ${review.version} → ${review.environment}: ` +
      `break-glass by ${review.actor} ("${review.reason}"), owner ${review.owner}, due ${review.dueAt}`,
  );
  if (review.summary !== null) output.line(`  summary: ${review.summary}`);
}

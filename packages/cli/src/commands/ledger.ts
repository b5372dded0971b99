import type { Command } from 'commander';
import type { ControlPlane, LedgerEvent, LedgerVerification } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import { readControlPlane } from './with-control-plane.js';

export interface LedgerDatabaseOptions {
  dataDir?: string;
}

export interface LedgerListOptions extends LedgerDatabaseOptions {
  subject?: string;
  type?: string;
  actor?: string;
  since?: string;
  until?: string;
  limit?: number;
  after?: number;
}

/** `slipway ledger verify|list`: the hash-chained event log, on the embedded or shared database. */
export function registerLedgerCommand(program: Command, context: CliContext): void {
  const ledger = program
    .command('ledger')
    .description('verify and read the hash-chained ledger of every state change');

  ledger
    .command('verify')
    .description('recompute the hash chain from the first event; exit 1 at the first broken one')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: LedgerDatabaseOptions, command: Command) => {
      const output = outputFor(command, context);
      const verification = await withLedger(command, context, options, (service) =>
        service.verifyLedger(),
      );
      if (output.json) output.data(verification);
      printVerification(verification, output);
      context.exitCode = verification.ok ? ExitCode.success : ExitCode.failure;
    });

  ledger
    .command('list')
    .description('list events, oldest first, filtered by subject, type, actor and time')
    .option('--subject <subject>', 'only events about this subject')
    .option('--type <type>', 'only events of this type')
    .option('--actor <actor>', 'only events by this actor')
    .option('--since <time>', 'only events at or after this ISO 8601 time')
    .option('--until <time>', 'only events before this ISO 8601 time')
    .option('--limit <n>', 'at most this many events (default 100, at most 1000)', Number)
    .option('--after <sequence>', 'events after this sequence (the next page)', Number)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: LedgerListOptions, command: Command) => {
      const output = outputFor(command, context);
      const page = await withLedger(command, context, options, (service) =>
        service.listEvents({
          ...pick(options, 'subject', 'type', 'actor', 'since', 'until'),
          ...(options.limit === undefined ? {} : { limit: options.limit }),
          ...(options.after === undefined ? {} : { after: options.after }),
        }),
      );
      if (output.json) output.data(page);
      else {
        page.events.forEach((event) => printEvent(event, output));
        if (page.events.length === 0) output.line(output.style.dim('no events'));
        if (page.nextAfter !== null) {
          output.line(output.style.dim(`… more: --after ${page.nextAfter}`));
        }
      }
      context.exitCode = ExitCode.success;
    });
}

function withLedger<T>(
  command: Command,
  context: CliContext,
  options: LedgerDatabaseOptions,
  use: (service: ControlPlane) => Promise<T>,
): Promise<T> {
  return readControlPlane(command, context, options, ({ controlPlane }) => use(controlPlane));
}

function printVerification(verification: LedgerVerification, output: Output): void {
  const broken = verification.firstBroken;
  if (broken === null) {
    output.line(`${output.style.green('ok')}: ${events(verification.events)}, the chain is intact`);
    return;
  }
  // On stderr in both modes, so scripts see it beside the --json document.
  output.error(
    `the ledger is broken at event ${broken.sequence} (${broken.id ?? 'missing'}): ${broken.reason}: ${broken.detail}`,
  );
  output.line(`${events(verification.events)} verified before it`);
}

function printEvent(event: LedgerEvent, output: Output): void {
  const { style } = output;
  output.line(
    `${style.dim(String(event.sequence).padStart(6))} ${event.time} ${style.bold(event.type)} ${event.subject} ${style.cyan(event.actor)}`,
  );
}

function pick<T extends object, K extends keyof T>(
  value: T,
  ...keys: K[]
): { [P in K]?: Exclude<T[P], undefined> } {
  const picked: { [P in K]?: Exclude<T[P], undefined> } = {};
  for (const key of keys) {
    const item = value[key];
    if (item !== undefined) picked[key] = item as Exclude<T[K], undefined>;
  }
  return picked;
}

function events(count: number): string {
  return `${count} event${count === 1 ? '' : 's'}`;
}

import { Command, CommanderError } from 'commander';
import { SlipwayError, isSlipwayError } from '@slipway/core';
import type { CliContext } from './cli-context.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import type { OutputStreams } from './output.js';
import { createOutput } from './output.js';
import { registerDescribeCommand } from './commands/describe.js';
import { registerNotesCommand } from './commands/notes.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerVersionsCommand } from './commands/versions.js';
import { registerVersionCommand } from './commands/version.js';
import { registerReleaseCommand } from './commands/release.js';
import { registerFragmentCommand } from './commands/fragment.js';
import { cliVersion } from './cli-version.js';

type Register = (program: Command, context: CliContext) => void;

/**
 * Commands whose dependencies are heavy (the HTTP server, the database, the forge clients) are
 * loaded only when they run, or when help lists every command: the bundle keeps them in their
 * own chunks, so `plan` does not pay for Fastify, Kysely or Octokit at start-up.
 */
const heavy: Readonly<Record<string, () => Promise<Register>>> = {
  'release-pr': async () => (await import('./commands/release-pr.js')).registerReleasePrCommand,
  ledger: async () => (await import('./commands/ledger.js')).registerLedgerCommand,
  serve: async () => (await import('./commands/serve.js')).registerServeCommand,
  token: async () => (await import('./commands/token.js')).registerTokenCommand,
  service: async () => (await import('./commands/service.js')).registerServiceCommand,
  catalog: async () => (await import('./commands/catalog.js')).registerCatalogCommand,
};

async function heavyCommands(argv: readonly string[]): Promise<Register[]> {
  const name = commandName(argv);
  if (name === null && (argv.includes('--version') || argv.includes('-V'))) return [];
  const loader = name !== null && Object.hasOwn(heavy, name) ? heavy[name] : undefined;
  if (loader !== undefined) return [await loader()];
  // No command, `help`, or an unknown one: help and suggestions must know every command.
  if (name === null || name === 'help' || !lightCommands.has(name)) {
    return Promise.all(Object.values(heavy).map((load) => load()));
  }
  return [];
}

const lightCommands = new Set([
  'plan',
  'notes',
  'versions',
  'version',
  'release',
  'fragment',
  'describe',
]);

/** The first argument that is not a global option (or its value). */
function commandName(argv: readonly string[]): string | null {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '-C' || arg === '--cwd') {
      index += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return null;
}

/**
 * Runs one invocation and returns its exit code. The only place that maps errors to exit codes
 * and messages; commands throw SlipwayError and return data.
 */
export async function runCli(argv: readonly string[], streams: OutputStreams): Promise<number> {
  const context: CliContext = { streams, exitCode: ExitCode.success };
  const program = new Command('slipway')
    .description('Release management: from a commit on main to users in production.')
    .version(cliVersion(), '-V, --version')
    .option('--json', 'print one JSON document on stdout (stable shape, see README)')
    .option('-C, --cwd <dir>', 'run as if started in <dir>')
    .option('--no-cache', 'ignore and do not write the cache of parsed commits in .git/slipway')
    .showHelpAfterError('(run slipway --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    });
  registerPlanCommand(program, context);
  registerNotesCommand(program, context);
  registerVersionsCommand(program, context);
  registerVersionCommand(program, context);
  registerReleaseCommand(program, context);
  registerFragmentCommand(program, context);
  registerDescribeCommand(program, context);
  for (const register of await heavyCommands(argv)) register(program, context);

  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit through here with code 0.
      return error.exitCode === 0 ? ExitCode.success : ExitCode.usage;
    }
    return reportError(error, json, streams);
  }
}

function reportError(error: unknown, json: boolean, streams: OutputStreams): number {
  const output = createOutput(json, streams);
  const slipwayError = isSlipwayError(error)
    ? error
    : new SlipwayError('INTERNAL', error instanceof Error ? error.message : String(error), {
        cause: error,
      });
  output.error(slipwayError.message);
  if (slipwayError.hint !== undefined) streams.stderr.write(`hint: ${slipwayError.hint}\n`);
  if (slipwayError.code === 'INTERNAL' && error instanceof Error && error.stack !== undefined) {
    streams.stderr.write(`${error.stack}\n`);
  }
  if (json) {
    output.data({
      error: {
        code: slipwayError.code,
        message: slipwayError.message,
        subject: slipwayError.subject ?? null,
        hint: slipwayError.hint ?? null,
      },
    });
  }
  return exitCodeFor(slipwayError.code);
}

import { createRequire } from 'node:module';
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
import type * as HeavyModule from './heavy-commands.js';

type HeavyCommands = typeof HeavyModule;
type Register = HeavyCommands['heavyRegistrars'][string];

const heavyNames = new Set([
  'ci',
  'init',
  'check',
  'release-pr',
  'ledger',
  'serve',
  'token',
  'flags',
  'service',
  'catalog',
  'artifact',
  'image',
  'push',
  'releases',
  'deploy',
  'promote',
  'rollback',
  'plan-rollback',
  'deployment',
  'policy',
  'check-result',
  'approve',
  'authors',
  'reject',
  'requests',
  'request',
  'reviews',
  'status',
  'history',
  'sbom',
  'keys',
  'attest',
  'verify',
  'evidence',
  'build',
  'publish',
  'index',
  'rollout',
]);

/** Defined (true) by the bundler in the CommonJS bundle the launcher runs (ADR 0028). */
declare const SLIPWAY_COMMONJS_BUNDLE: boolean | undefined;

/**
 * Heavy commands (the HTTP server, the database, the forge clients) live in a module bundled on
 * its own and loaded by a computed name, which the bundler leaves alone: `plan` and the other
 * release commands never load Fastify, Kysely, Octokit or the parts of zod only they use. The
 * CommonJS bundle requires the CommonJS one beside it (code the launcher compiled cannot import
 * an ES module without an experimental flag); compiled sources import the ES module.
 */
async function loadHeavy(): Promise<HeavyCommands['heavyRegistrars']> {
  if (typeof SLIPWAY_COMMONJS_BUNDLE !== 'undefined' && SLIPWAY_COMMONJS_BUNDLE) {
    const heavy = createRequire(import.meta.url)('./heavy-commands.cjs') as HeavyCommands;
    return heavy.heavyRegistrars;
  }
  const url = new URL('./heavy-commands.js', import.meta.url).href;
  return ((await import(url)) as HeavyCommands).heavyRegistrars;
}

async function heavyCommands(argv: readonly string[]): Promise<Register[]> {
  const name = commandName(argv);
  if (name === null && (argv.includes('--version') || argv.includes('-V'))) return [];
  if (name !== null && lightCommands.has(name)) return [];
  const registrars = await loadHeavy();
  if (name !== null && heavyNames.has(name)) {
    const register = registrars[name];
    return register === undefined ? [] : [register];
  }
  // No command, `help`, or an unknown one: help and suggestions must know every command.
  return Object.values(registrars);
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
    if (arg === '-C' || arg === '--cwd' || arg === '--server') {
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
  if (commandName(argv) === null && (argv.includes('--version') || argv.includes('-V'))) {
    streams.stdout.write(`${cliVersion()}\n`);
    return ExitCode.success;
  }
  const context: CliContext = { streams, exitCode: ExitCode.success };
  const program = new Command('slipway')
    .description('Release management: from a commit on main to users in production.')
    // Not commander's .version(): program options are recognised after a command too, and a
    // program-wide --version would swallow `artifact add --version 1.2.0`. Handled above.
    .addHelpText('after', '\nslipway -V, --version prints the version.')
    .option('--json', 'print one JSON document on stdout (stable shape, see README)')
    .option('-C, --cwd <dir>', 'run as if started in <dir>')
    .option('--no-cache', 'ignore and do not write the cache of parsed commits in .git/slipway')
    .option(
      '--server <url>',
      'use the control plane at this URL (default SLIPWAY_SERVER; token in SLIPWAY_TOKEN)',
    )
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
      if (error.exitCode === 0) return ExitCode.success;
      // Commander printed the message on stderr; --json callers get the error document too.
      if (json) {
        const message = error.message.replace(/^error: /, '');
        createOutput(true, streams).data({
          error: { code: 'USAGE', message, subject: null, hint: null },
        });
      }
      return ExitCode.usage;
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

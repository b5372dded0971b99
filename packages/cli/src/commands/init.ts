import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import {
  branchingStrategies,
  branchingStrategyNames,
  initConfig,
  isBranchingStrategyName,
  type BranchingStrategyName,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';

interface InitOptions {
  readonly strategy?: string;
  readonly force?: boolean;
}

export function registerInitCommand(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('write slipway.toml for your branching strategy and explain its watch-outs')
    .option('--strategy <name>', `branching strategy: ${branchingStrategyNames.join(', ')}`)
    .option('--force', 'replace an existing slipway.toml')
    .action(async (options: InitOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const name = options.strategy ?? (await askStrategy(context));
      if (!isBranchingStrategyName(name)) {
        throw new SlipwayError(
          'USAGE',
          `strategy ${JSON.stringify(name)}: expected one of ${branchingStrategyNames.join(', ')}`,
          { subject: name },
        );
      }
      const { strategy, file } = await initConfig(cwd, name, { overwrite: options.force === true });
      if (output.json) {
        output.data({ strategy: strategy.name, file, watchOuts: strategy.watchOuts });
        return;
      }
      const { style } = output;
      output.line(`${style.green('wrote')} ${file} for ${style.bold(strategy.title)}`);
      output.line(`  ${strategy.summary}`);
      output.line();
      output.line(style.bold('Watch out:'));
      for (const watchOut of strategy.watchOuts) output.line(`  - ${watchOut}`);
      output.line();
      output.line(
        `Check a branch with ${style.cyan('slipway check')}; add CI with ${style.cyan('slipway ci init --provider <name>')}.`,
      );
    });
}

/** Asks on stderr, reads one answer from stdin: a number from the list or a strategy name. */
async function askStrategy(context: CliContext): Promise<BranchingStrategyName | string> {
  const { stderr } = context.streams;
  stderr.write('Which branching strategy does the team use?\n');
  branchingStrategyNames.forEach((name, index) => {
    const strategy = branchingStrategies[name];
    stderr.write(`  ${index + 1}) ${name}: ${strategy.title} (${strategy.summary})\n`);
  });
  stderr.write('> ');
  const reader = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of reader) {
      const answer = line.trim();
      if (answer === '') continue;
      const picked = /^\d+$/.test(answer) ? branchingStrategyNames[Number(answer) - 1] : undefined;
      return picked ?? answer;
    }
  } finally {
    reader.close();
  }
  throw new SlipwayError('USAGE', 'no branching strategy given', {
    hint: `Answer the question, or pass --strategy ${branchingStrategyNames.join('|')}.`,
  });
}

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { SigningKeyType } from '@slipway/engine';
import { signingKeyTypes, writeKeyPair } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

interface KeysGenerateOptions {
  out: string;
  type: SigningKeyType;
}

/** `slipway keys generate`: a signing key pair for attestations, as PEM files. */
export function registerKeysCommand(program: Command, context: CliContext): void {
  const keys = program.command('keys').description('signing keys for attestations');
  keys
    .command('generate')
    .description('write slipway.key (private, mode 0600) and slipway.pub (public) as PEM')
    .requiredOption('--out <dir>', 'directory to write the pair into (created if missing)')
    .addOption(
      new Option('--type <type>', 'key type').choices(signingKeyTypes).default('ecdsa-p256'),
    )
    .action((options: KeysGenerateOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const pair = writeKeyPair(resolve(cwd, options.out), options.type);
      if (output.json) output.data(pair);
      else {
        output.line(`private key: ${pair.privateKeyPath} (keep it secret; sign with --key)`);
        output.line(`public key:  ${pair.publicKeyPath} (give it to verifiers)`);
        output.line(`key id:      ${pair.keyId} (${pair.type})`);
      }
      context.exitCode = ExitCode.success;
    });
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError, slsaProvenanceType } from '@slipway/core';
import type { StatementExpectations } from '@slipway/core';
import { readPublicKey, sha256File, verifyAttestationFile } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

interface VerifyOptions {
  key: string;
  bundle?: string;
  predicateType: string;
  builderId?: string;
  sourceRepository?: string;
}

const digestPattern = /^(?:sha256:)?([0-9a-f]{64})$/;

/** `slipway verify`: offline, with only a public key; exit 1 with every reason on a mismatch. */
export function registerVerifyCommand(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('verify an artifact (or a sha256 digest) against its signed attestation, offline')
    .argument('<file|digest>', 'the artifact file, or sha256:<hex> with --bundle')
    .requiredOption('--key <file>', "the signer's public key (PEM)")
    .option('--bundle <path>', 'Sigstore bundle or .intoto.jsonl (default <file>.sigstore.json)')
    .option('--predicate-type <uri>', 'expected predicate type', slsaProvenanceType)
    .option('--builder-id <id>', 'expected builder.id of the provenance')
    .option('--source-repository <url>', 'expected source repository of the provenance')
    .action(async (target: string, options: VerifyOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const { sha256, bundlePath } = await resolveTarget(cwd, target, options.bundle);
      const expected: StatementExpectations = {
        sha256,
        predicateType: options.predicateType,
        ...(options.builderId === undefined ? {} : { builderId: options.builderId }),
        ...(options.sourceRepository === undefined ? {} : { repository: options.sourceRepository }),
      };
      const text = readBundle(bundlePath);
      const result = verifyAttestationFile(
        text,
        bundlePath,
        readPublicKey(resolve(cwd, options.key)),
        expected,
      );
      const checked = [
        'signature',
        'subject digest',
        'predicate type',
        ...(options.builderId === undefined ? [] : ['builder id']),
        ...(options.sourceRepository === undefined ? [] : ['source repository']),
      ];
      if (output.json) {
        output.data({
          ok: result.ok,
          sha256,
          bundle: bundlePath,
          checked,
          failures: result.failures,
        });
      } else if (result.ok) {
        output.line(`${output.style.green('verified')} sha256:${sha256} (${checked.join(', ')})`);
      }
      for (const failure of result.failures) output.error(`${failure.code}: ${failure.message}`);
      context.exitCode = result.ok ? ExitCode.success : ExitCode.failure;
    });
}

async function resolveTarget(
  cwd: string,
  target: string,
  bundle: string | undefined,
): Promise<{ sha256: string; bundlePath: string }> {
  const path = resolve(cwd, target);
  if (existsSync(path) && statSync(path).isFile()) {
    return {
      sha256: await sha256File(path),
      bundlePath: resolve(cwd, bundle ?? `${target}.sigstore.json`),
    };
  }
  const digest = digestPattern.exec(target)?.[1];
  if (digest === undefined) {
    throw new SlipwayError('USAGE', `${target} is neither a file nor a sha256 digest`, {
      subject: target,
    });
  }
  if (bundle === undefined) {
    throw new SlipwayError('USAGE', 'verifying a digest needs --bundle <path>', {
      subject: target,
    });
  }
  return { sha256: digest, bundlePath: resolve(cwd, bundle) };
}

function readBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('USAGE', `cannot read the attestation ${path}`, {
      subject: path,
      cause: error,
      hint: 'slipway attest writes <artifact>.sigstore.json next to the artifact; or pass --bundle',
    });
  }
}

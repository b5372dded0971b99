import { resolve } from 'node:path';
import type { Command } from 'commander';
import { attestArtifacts, readPrivateKey } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { cliVersion } from '../cli-version.js';
import { ExitCode } from '../exit-codes.js';

interface AttestOptions {
  key: string;
  out?: string;
  junit: string[];
  sarif: string[];
  vex: string[];
  changesSince?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `slipway attest`: signed provenance and SBOM statements for built artifacts. */
export function registerAttestCommand(program: Command, context: CliContext): void {
  program
    .command('attest')
    .description(
      'sign SLSA provenance and a CycloneDX SBOM for artifacts; writes <artifact>.sigstore.json and <artifact>.intoto.jsonl',
    )
    .argument('<artifact...>', 'built files (wheels, sdists, tarballs)')
    .requiredOption('--key <file>', 'private key (PEM), from slipway keys generate')
    .option('--out <dir>', 'write the attestations here instead of next to each artifact')
    .option('--junit <file>', 'sign a JUnit XML report as a test result (repeatable)', collect, [])
    .option(
      '--sarif <file>',
      'sign a SARIF scan as a summary by severity (repeatable)',
      collect,
      [],
    )
    .option('--vex <file>', 'sign an OpenVEX document (repeatable)', collect, [])
    .option(
      '--changes-since <ref>',
      'sign a change record of the commits after <ref> (the previous release tag)',
    )
    .action(async (artifacts: string[], options: AttestOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const results = await attestArtifacts({
        artifacts,
        cwd,
        privateKey: readPrivateKey(resolve(cwd, options.key)),
        env: context.streams.env,
        toolVersion: cliVersion(),
        results: {
          junit: options.junit.map((path) => resolve(cwd, path)),
          sarif: options.sarif.map((path) => resolve(cwd, path)),
          vex: options.vex.map((path) => resolve(cwd, path)),
        },
        ...(options.out === undefined ? {} : { outDir: options.out }),
        ...(options.changesSince === undefined ? {} : { changesSince: options.changesSince }),
      });
      if (output.json) output.data({ artifacts: results });
      else {
        for (const result of results) {
          output.line(`${result.path} ${output.style.dim(`sha256:${result.sha256}`)}`);
          output.line(`  ${result.bundlePath}`);
          output.line(`  ${result.intotoPath}`);
        }
      }
      context.exitCode = ExitCode.success;
    });
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { PolicyEvaluation, StoredPolicy } from '@slipway/engine';
import { parsePolicyText } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface CheckOptions extends ControlPlaneOptions {
  env: string;
  strategy?: string;
}

/** `slipway policy show|set|check`: the deployment policy and its verdicts. */
export function registerPolicyCommand(program: Command, context: CliContext): void {
  const policy = program
    .command('policy')
    .description('the deployment policy: show it, set it from a file, explain a verdict');

  policy
    .command('show')
    .description('print the policy in force (version 0: none stored, lifecycle rules only)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: ControlPlaneOptions, command: Command) => {
      const output = outputFor(command, context);
      const stored = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.getPolicy(),
      );
      if (output.json) output.data(stored);
      else printPolicy(stored, output);
      context.exitCode = ExitCode.success;
    });

  policy
    .command('set')
    .description('store a new policy version from a YAML or JSON file (validated whole)')
    .argument('<file>', 'policy file: overrides on top of the per-tier defaults')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (file: string, options: ControlPlaneOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd } = globalOptions(command, context.streams);
      const path = resolve(cwd, file);
      const document = parsePolicyText(await readFile(path, 'utf8'), file);
      const stored = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.setPolicy(document, { actor }),
      );
      if (output.json) output.data(stored);
      else printPolicy(stored, output);
      context.exitCode = ExitCode.success;
    });

  policy
    .command('check')
    .description('explain the verdict a deployment would get now; exits 1 unless allowed')
    .argument('<service>', 'the service, as in the catalog')
    .argument('<ref>', 'a release version, or an artifact digest sha256:…')
    .requiredOption('--env <env>', 'the environment to deploy to')
    .option('--strategy <name>', 'rollout strategy (default all-at-once)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, ref: string, options: CheckOptions, command: Command) => {
      const output = outputFor(command, context);
      const evaluation = await readControlPlane(
        command,
        context,
        options,
        ({ controlPlane, actor }) =>
          controlPlane.checkPolicy({
            service,
            ref,
            environment: options.env,
            requester: actor,
            ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
          }),
      );
      if (output.json) output.data(evaluation);
      else printEvaluation(evaluation, output);
      context.exitCode =
        evaluation.verdict.decision === 'allow' ? ExitCode.success : ExitCode.failure;
    });
}

function printPolicy(stored: StoredPolicy, output: Output): void {
  if (stored.version === 0) {
    output.line('no policy stored: the tier defaults apply');
    output.line(
      output.style.dim(
        'low: tests check, auto-deploy; standard: prod needs tests and 1 approval; high, regulated: prod needs tests, security-scan, provenance, sbom and 2 approvals',
      ),
    );
    output.line(output.style.dim('override them with `slipway policy set <file>`'));
    return;
  }
  output.line(
    `policy version ${stored.version}, set by ${stored.createdBy ?? '?'} at ${stored.createdAt ?? '?'}`,
  );
  output.line(JSON.stringify(stored.document, null, 2));
}

const decisionText = {
  allow: 'allow',
  needs_approval: 'needs approval',
  deny: 'deny',
} as const;

function printEvaluation(evaluation: PolicyEvaluation, output: Output): void {
  const { verdict, service, version, environment } = evaluation;
  const paint =
    verdict.decision === 'allow'
      ? output.style.green
      : verdict.decision === 'deny'
        ? output.style.red
        : output.style.yellow;
  output.line(
    `${service} ${version} → ${environment}: ${paint(decisionText[verdict.decision])} ` +
      `(policy version ${evaluation.policyVersion}${evaluation.policyVersion === 0 ? ': the tier defaults' : ''})`,
  );
  for (const rule of verdict.unmet) {
    output.line(`  ${rule.bypassed ? '(bypassed) ' : ''}${rule.rule}: ${rule.reason}`);
  }
  const { policy } = verdict;
  output.line(
    output.style.dim(
      `  checks required: ${policy.requiredChecks.join(', ') || 'none'}; approvals required: ${policy.requiredApprovals}` +
        `; auto-deploy: ${verdict.autoDeploy ? 'yes' : 'no'}`,
    ),
  );
  for (const check of evaluation.checks) {
    output.line(output.style.dim(`  check ${check.name}: ${check.status} (${check.recordedAt})`));
  }
}

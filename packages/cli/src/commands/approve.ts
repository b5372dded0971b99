import type { Command } from 'commander';
import type { ChangeRequest, ChangeRequestView } from '@slipway/engine';
import { previousTag, readCommitAuthors } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface DecideOptions extends ControlPlaneOptions {
  comment?: string;
  digest?: string;
}

interface ListOptions extends ControlPlaneOptions {
  service?: string;
  status?: string;
}

const digestHelp =
  'the content digest you read (from `slipway request show`); refused if the request changed since';

/** `slipway approve <request> [--comment]`. */
export function registerApproveCommand(program: Command, context: CliContext): void {
  program
    .command('approve')
    .description('approve a change request (not as its requester or an author of the release)')
    .argument('<request>', 'the change request id')
    .option('--comment <text>', 'why, for the record')
    .option('--digest <sha256>', digestHelp)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: DecideOptions, command: Command) => {
      await decide(command, context, options, (session) =>
        session.controlPlane.approveChange(id, decision(options), { actor: session.actor }),
      );
    });
}

/** `slipway reject <request> --comment …`. */
export function registerRejectCommand(program: Command, context: CliContext): void {
  program
    .command('reject')
    .description('reject a change request; it cannot be deployed afterwards')
    .argument('<request>', 'the change request id')
    .requiredOption('--comment <text>', 'why it is rejected')
    .option('--digest <sha256>', digestHelp)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: DecideOptions, command: Command) => {
      await decide(command, context, options, (session) =>
        session.controlPlane.rejectChange(id, decision(options), { actor: session.actor }),
      );
    });
}

interface AuthorsOptions extends ControlPlaneOptions {
  since?: string;
}

/**
 * `slipway authors <service> <version> [--since <ref>]`: records the authors (and co-authors)
 * of the release's commits, who may then not approve its deployments. Run after `push`.
 */
export function registerAuthorsCommand(program: Command, context: CliContext): void {
  program
    .command('authors')
    .description(
      'record the authors of a release’s commits (since the previous tag): none of them may approve it',
    )
    .argument('<service>', 'the service, as in the catalog')
    .argument('<version>', 'the release version (its commits end at HEAD)')
    .option('--since <ref>', 'the previous release (default: the tag before HEAD)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, version: string, options: AuthorsOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd } = globalOptions(command, context.streams);
      const since = options.since ?? (await previousTag(cwd));
      const authors = await readCommitAuthors(cwd, since === null ? 'HEAD' : `${since}..HEAD`);
      const recorded = await withControlPlane(
        command,
        context,
        options,
        ({ controlPlane, actor }) =>
          controlPlane.recordReleaseAuthors(service, version, authors, { actor }),
      );
      if (output.json) output.data({ since, authors: recorded });
      else {
        recorded.forEach((author) => output.line(`${author.name} <${author.email}>`));
        output.line(
          output.style.dim(
            `${recorded.length} authors of ${service} ${version} may not approve its deployments`,
          ),
        );
      }
      context.exitCode = ExitCode.success;
    });
}

/** `slipway requests` and `slipway request show <id>`: what waits for approval. */
export function registerRequestsCommand(program: Command, context: CliContext): void {
  program
    .command('requests')
    .description('list change requests, newest first')
    .option('--service <service>', 'only this service')
    .option('--status <status>', 'open, approved, rejected or deployed')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: ListOptions, command: Command) => {
      const output = outputFor(command, context);
      const requests = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.listChangeRequests({
          ...(options.service === undefined ? {} : { service: options.service }),
          ...(options.status === undefined ? {} : { status: options.status }),
        }),
      );
      if (output.json) output.data({ requests });
      else {
        requests.forEach((request) => output.line(summary(request)));
        if (requests.length === 0) output.line(output.style.dim('no change requests'));
      }
      context.exitCode = ExitCode.success;
    });
}

export function registerRequestCommand(program: Command, context: CliContext): void {
  program
    .command('request')
    .description('one change request')
    .command('show')
    .description('what the approver must see: release, checks, verdict, diff, rollback target')
    .argument('<request>', 'the change request id')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: ControlPlaneOptions, command: Command) => {
      const output = outputFor(command, context);
      const request = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.getChangeRequest(id),
      );
      if (output.json) output.data(request);
      else printRequest(request, output);
      context.exitCode = ExitCode.success;
    });
}

async function decide(
  command: Command,
  context: CliContext,
  options: DecideOptions,
  act: Parameters<typeof withControlPlane<ChangeRequestView>>[3],
): Promise<void> {
  const output = outputFor(command, context);
  const request = await withControlPlane(command, context, options, act);
  if (output.json) output.data(request);
  else printRequest(request, output);
  context.exitCode = ExitCode.success;
}

function decision(options: DecideOptions): { comment?: string; seenDigest?: string } {
  return {
    ...(options.comment === undefined ? {} : { comment: options.comment }),
    ...(options.digest === undefined ? {} : { seenDigest: options.digest }),
  };
}

function summary(request: ChangeRequest): string {
  return `${request.id} ${request.status} ${request.service} ${request.version} → ${request.environment} (requested by ${request.requester} at ${request.createdAt})`;
}

function printRequest(request: ChangeRequestView, output: Output): void {
  const { content } = request;
  output.line(output.style.bold(summary(request)));
  output.line(`content digest: ${request.contentDigest}`);
  output.line(
    `release: ${content.version}${content.tag === null ? '' : ` (tag ${content.tag})`}${content.commit === null ? '' : ` commit ${content.commit}`}`,
  );
  output.line(`authors: ${content.authors.join(', ')}`);
  for (const author of content.commitAuthors ?? []) {
    output.line(output.style.dim(`  commit author: ${author.name} <${author.email}>`));
  }
  // Who approved the pull requests, from the release's stored evidence (forge enrichment).
  if (content.reviewers !== undefined && content.reviewers.length > 0) {
    output.line(`pull request reviewers: ${content.reviewers.join(', ')}`);
  }
  output.line(`artifacts: ${content.digests.join(', ')}`);
  output.line(
    content.running === null
      ? `runs in ${content.environment} now: nothing (no rollback target)`
      : `runs in ${content.environment} now: ${content.running.version} (rollback target, deployment ${content.running.deploymentId})`,
  );
  output.line(
    `diff: +${content.diff.addedDigests.length} −${content.diff.removedDigests.length} artifacts`,
  );
  for (const check of content.checks) output.line(`check ${check.name}: ${check.status}`);
  output.line(
    `policy v${content.policy.version}: ${content.policy.decision}, ${content.policy.requiredApprovals} approval(s) required`,
  );
  for (const rule of content.policy.unmet) output.line(`  ${rule.rule}: ${rule.reason}`);
  if (content.notes !== null) output.line(content.notes);
  for (const approval of request.approvals) {
    const comment = approval.comment === null ? '' : `: ${approval.comment}`;
    output.line(`${approval.decision}d by ${approval.approver} at ${approval.createdAt}${comment}`);
  }
}

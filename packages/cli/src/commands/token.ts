import type { Command } from 'commander';
import type { Role } from '@slipway/core';
import { SlipwayError, isRole, roles } from '@slipway/core';
import type { ApiToken } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import type { ControlPlaneSession } from './with-control-plane.js';
import { dataDirHelp } from './cli-actor.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface TokenDatabaseOptions {
  dataDir?: string;
}

interface TokenCreateOptions extends TokenDatabaseOptions {
  role: string;
  service: string[];
  env: string[];
  for?: string;
}

/** `slipway token create|list|revoke`: API tokens, on the embedded or shared database. */
export function registerTokenCommand(program: Command, context: CliContext): void {
  const token = program.command('token').description('issue, list and revoke API tokens');

  token
    .command('create')
    .description('issue a token; its secret is printed once and only its hash is kept')
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
    .option('--service <service>', 'limit to this service (repeatable)', collect, [])
    .option('--env <env>', 'limit to this environment (repeatable)', collect, [])
    .option(
      '--for <person>',
      'the person it is issued to, "Name <email>" or an e-mail: on a server its requests act as them (approvals compare people)',
    )
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: TokenCreateOptions, command: Command) => {
      const output = outputFor(command, context);
      const role = roleOf(options.role);
      const created = await withTokens(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.createToken(
          // No --service/--env means unscoped: leave the lists out (the API refuses empty ones).
          {
            role,
            ...(options.service.length === 0 ? {} : { services: options.service }),
            ...(options.env.length === 0 ? {} : { environments: options.env }),
            ...(options.for === undefined ? {} : { person: options.for }),
          },
          { actor },
        ),
      );
      if (output.json) output.data(created);
      else {
        printToken(created.token, output);
        output.line(`secret (shown once): ${created.secret}`);
      }
      context.exitCode = ExitCode.success;
    });

  token
    .command('list')
    .description('list tokens (never their secrets), oldest first')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: TokenDatabaseOptions, command: Command) => {
      const output = outputFor(command, context);
      const tokens = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.listTokens(),
      );
      if (output.json) output.data({ tokens });
      else {
        tokens.forEach((item) => printToken(item, output));
        if (tokens.length === 0) output.line(output.style.dim('no tokens'));
      }
      context.exitCode = ExitCode.success;
    });

  token
    .command('revoke <id>')
    .description('revoke a token; requests with it are refused from now on')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: TokenDatabaseOptions, command: Command) => {
      const output = outputFor(command, context);
      const revoked = await withTokens(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.revokeToken(id, { actor }),
      );
      if (output.json) output.data(revoked);
      else printToken(revoked, output);
      context.exitCode = ExitCode.success;
    });
}

function withTokens<T>(
  command: Command,
  context: CliContext,
  options: TokenDatabaseOptions,
  use: (session: ControlPlaneSession) => Promise<T>,
): Promise<T> {
  return withControlPlane(command, context, options, use);
}

function roleOf(value: string): Role {
  if (!isRole(value)) {
    throw new SlipwayError('USAGE', `unknown role ${value}`, {
      subject: 'role',
      hint: `one of ${roles.join(', ')}`,
    });
  }
  return value;
}

function printToken(token: ApiToken, output: Output): void {
  const { style } = output;
  const scope = [
    token.services === null ? '' : ` services=${token.services.join(',')}`,
    token.environments === null ? '' : ` envs=${token.environments.join(',')}`,
  ].join('');
  const person = token.person === null ? '' : ` for ${token.person}`;
  const state = token.revokedAt === null ? '' : style.red(` revoked ${token.revokedAt}`);
  output.line(
    `${token.id} ${style.bold(token.prefix)}… ${style.cyan(token.role)}${scope}${person} by ${token.createdBy} ${style.dim(token.createdAt)}${state}`,
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

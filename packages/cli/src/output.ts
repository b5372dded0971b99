import pc from 'picocolors';

export interface Output {
  readonly json: boolean;
  readonly color: boolean;
  /** Human text to stdout (suppressed in --json mode). */
  line(text?: string): void;
  /** The one JSON document of a --json run, to stdout. */
  data(value: unknown): void;
  /** Warnings and errors go to stderr in both modes, so stdout stays parseable. */
  warn(text: string): void;
  error(text: string): void;
  readonly style: Style;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

export interface OutputStreams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** NO_COLOR (any value) turns colour off; FORCE_COLOR turns it on; otherwise only on a terminal. */
export function colorEnabled(streams: OutputStreams): boolean {
  const { env } = streams;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return streams.stdout.isTTY === true && env['TERM'] !== 'dumb';
}

export function createOutput(json: boolean, streams: OutputStreams): Output {
  const color = colorEnabled(streams);
  const colors = pc.createColors(color);
  const style: Style = {
    bold: colors.bold,
    dim: colors.dim,
    green: colors.green,
    yellow: colors.yellow,
    red: colors.red,
    cyan: colors.cyan,
  };
  const errorColors = pc.createColors(color && streams.stderr.isTTY === true);
  return {
    json,
    color,
    style,
    line(text = '') {
      if (!json) streams.stdout.write(`${text}\n`);
    },
    data(value) {
      streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    warn(text) {
      streams.stderr.write(`${errorColors.yellow('warning:')} ${text}\n`);
    },
    error(text) {
      streams.stderr.write(`${errorColors.red('error:')} ${text}\n`);
    },
  };
}

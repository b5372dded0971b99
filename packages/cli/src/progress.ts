import type { OutputStreams } from './output.js';

export interface Progress {
  start(label: string): void;
  done(label: string): void;
}

/**
 * Step-by-step progress on stderr: on a terminal each step is one line that turns from "…" to
 * "✔"; in CI (or any non-terminal) plain lines, one per finished step, that logs keep readably.
 */
export function createProgress(streams: OutputStreams, enabled: boolean): Progress {
  if (!enabled) return { start: () => undefined, done: () => undefined };
  const interactive = streams.stderr.isTTY === true && streams.env['CI'] === undefined;
  return {
    start(label) {
      if (interactive) streams.stderr.write(`… ${label}`);
    },
    done(label) {
      streams.stderr.write(interactive ? `\r✔ ${label}\n` : `${label}: done\n`);
    },
  };
}

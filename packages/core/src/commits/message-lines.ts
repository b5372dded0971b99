/** The message split once into lines, with the helpers every later step shares. */
export interface MessageLines {
  /** The message with CRLF and lone CR normalised to LF. */
  readonly text: string;
  readonly lines: readonly string[];
}

export function splitMessage(message: string): MessageLines {
  // Checking first keeps the common (LF-only) case free of a regex pass over the message.
  const text = message.includes('\r') ? message.replace(/\r\n?/g, '\n') : message;
  // Most commits are one line: no need to call into the runtime's split for them.
  return { text, lines: text.includes('\n') ? text.split('\n') : [text] };
}

/** True for empty lines and lines of only spaces and tabs. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Index of the first character that is not a space or a tab (the line length when blank). */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

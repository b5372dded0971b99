// Characters that would open a link, emphasis, strikethrough or raw HTML in CommonMark/GFM.
const SPECIAL = /[\\[\]*_~<>]/g;
// Any of those, or a backtick: text without one is its own escape (most descriptions).
const NEEDS_WORK = /[\\[\]*_~<>`]/;

/**
 * Escapes inline Markdown in plain text such as a commit description, leaving `code spans`
 * untouched: inside backticks an escape would show literally.
 */
export function escapeMarkdown(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  let result = '';
  let rest = text;
  for (;;) {
    const open = /`+/.exec(rest);
    if (open === null) break;
    const fence = open[0];
    const close = rest.indexOf(fence, open.index + fence.length);
    if (close < 0) break;
    const end = close + fence.length;
    result += escapePlain(rest.slice(0, open.index)) + rest.slice(open.index, end);
    rest = rest.slice(end);
  }
  return result + escapePlain(rest);
}

/**
 * Escapes what would open a block at the start of a list item's text: `# x` (a heading),
 * `- x` or `1. x` (a nested list). Apply after `escapeMarkdown`, to an item's first text only.
 */
export function escapeItemStart(text: string): string {
  const first = text.charCodeAt(0);
  // Only `#`, `+`, `=`, `-` or a digit can start a block.
  if (!(
    first === 35 ||
    first === 43 ||
    first === 61 ||
    first === 45 ||
    (first >= 48 && first <= 57)
  ))
    return text;
  return text.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

function escapePlain(text: string): string {
  return text.replace(SPECIAL, (char) => `\\${char}`);
}

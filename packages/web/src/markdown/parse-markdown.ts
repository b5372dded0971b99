/**
 * The Markdown that release notes use (headings, paragraphs, lists, fenced code, emphasis, code
 * spans, links), parsed to plain data that the view renders as React elements. Nothing is ever
 * passed through as HTML: a `<script>` in notes is text, and only http(s), mailto and relative
 * links become links.
 */

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly children: readonly Inline[] }
  | { readonly kind: 'emphasis'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly href: string; readonly children: readonly Inline[] };

export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly content: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'code'; readonly text: string };

const listItem = /^\s*[-*+]\s+(.*)$/;
const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const fence = /^\s*(```|~~~)/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0)
      blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (items.length > 0)
      blocks.push({ kind: 'list', items: items.map((item) => parseInline(item)) });
    paragraph = [];
    items = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const opening = fence.exec(line);
    if (opening !== null) {
      flush();
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !(lines[index] ?? '').trim().startsWith(opening[1] ?? '```')) {
        code.push(lines[index] ?? '');
        index += 1;
      }
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const title = heading.exec(line);
    const item = listItem.exec(line);
    if (title !== null) {
      flush();
      blocks.push({
        kind: 'heading',
        level: title[1]?.length ?? 1,
        content: parseInline(title[2] ?? ''),
      });
    } else if (item !== null) {
      if (paragraph.length > 0) flush();
      items.push(item[1] ?? '');
    } else if (line.trim() === '') {
      flush();
    } else if (items.length > 0 && /^\s+/.test(line)) {
      // An indented line continues the list item above it.
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`;
    } else {
      if (items.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** Code spans first (their content is literal), then links, strong and emphasis. */
export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  let rest = text;
  let plain = '';
  const pushPlain = (): void => {
    if (plain !== '') result.push({ kind: 'text', text: plain });
    plain = '';
  };
  while (rest !== '') {
    const token = nextToken(rest);
    if (token === null) {
      plain += rest[0];
      rest = rest.slice(1);
      continue;
    }
    pushPlain();
    result.push(token.inline);
    rest = rest.slice(token.length);
  }
  pushPlain();
  return result;
}

function nextToken(text: string): { inline: Inline; length: number } | null {
  const code = /^(`+)([\s\S]*?[^`])\1(?!`)/.exec(text);
  if (code !== null)
    return { inline: { kind: 'code', text: (code[2] ?? '').trim() }, length: code[0].length };
  const link = /^\[([^\]]*)\]\(([^)\s]*)\)/.exec(text);
  if (link !== null) {
    const href = safeHref(link[2] ?? '');
    const label = link[1] ?? '';
    const inline: Inline =
      href === null
        ? { kind: 'text', text: label }
        : { kind: 'link', href, children: parseInline(label) };
    return { inline, length: link[0].length };
  }
  const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(text);
  if (strong !== null) {
    return {
      inline: { kind: 'strong', children: parseInline(strong[2] ?? '') },
      length: strong[0].length,
    };
  }
  const emphasis = /^([*_])(?=\S)([\s\S]*?\S)\1/.exec(text);
  if (emphasis !== null) {
    return {
      inline: { kind: 'emphasis', children: parseInline(emphasis[2] ?? '') },
      length: emphasis[0].length,
    };
  }
  return null;
}

/** http(s), mailto, fragment and relative links; `javascript:` and every other scheme are not links. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme === null) return trimmed.startsWith('//') ? null : trimmed;
  return ['http', 'https', 'mailto'].includes((scheme[1] ?? '').toLowerCase()) ? trimmed : null;
}

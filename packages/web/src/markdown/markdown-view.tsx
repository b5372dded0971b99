import type { ReactNode } from 'react';
import type { Block, Inline } from './parse-markdown.js';
import { parseMarkdown } from './parse-markdown.js';

/** Release notes as React elements: text is always text, never HTML. */
export function MarkdownView({ source }: { readonly source: string }): ReactNode {
  return <div className="markdown">{parseMarkdown(source).map(renderBlock)}</div>;
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      // Notes sit under the page's own h1 and h2, so their headings start at h3.
      const level = Math.min(6, block.level + 2);
      const Tag = `h${level}` as 'h3';
      return <Tag key={key}>{block.content.map(renderInline)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{block.content.map(renderInline)}</p>;
    case 'list':
      return (
        <ul key={key}>
          {block.items.map((item, index) => (
            <li key={index}>{item.map(renderInline)}</li>
          ))}
        </ul>
      );
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
  }
}

function renderInline(inline: Inline, key: number): ReactNode {
  switch (inline.kind) {
    case 'text':
      return inline.text;
    case 'code':
      return <code key={key}>{inline.text}</code>;
    case 'strong':
      return <strong key={key}>{inline.children.map(renderInline)}</strong>;
    case 'emphasis':
      return <em key={key}>{inline.children.map(renderInline)}</em>;
    case 'link':
      return (
        <a key={key} href={inline.href} rel="noopener noreferrer nofollow">
          {inline.children.map(renderInline)}
        </a>
      );
  }
}

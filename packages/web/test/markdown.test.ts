import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownView } from '../src/markdown/markdown-view.js';
import { parseMarkdown, parseInline, safeHref } from '../src/markdown/parse-markdown.js';

const html = (source: string): string =>
  renderToStaticMarkup(createElement(MarkdownView, { source }));

describe('release notes Markdown', () => {
  it('parses the notes Slipway writes: headings, lists, links, emphasis and code', () => {
    const notes = [
      '## 1.2.0 (2026-11-20)',
      '',
      '### Features',
      '',
      '* **api:** add `GET /orders` ([#12](https://example.test/pull/12))',
      '* faster startup',
      '  across two lines',
      '',
      'Plain *text* here.',
    ].join('\n');
    expect(parseMarkdown(notes).map((block) => block.kind)).toEqual([
      'heading',
      'heading',
      'list',
      'paragraph',
    ]);
    expect(html(notes)).toBe(
      '<div class="markdown"><h4>1.2.0 (2026-11-20)</h4><h5>Features</h5><ul>' +
        '<li><strong>api:</strong> add <code>GET /orders</code> (<a href="https://example.test/pull/12" rel="noopener noreferrer nofollow">#12</a>)</li>' +
        '<li>faster startup across two lines</li></ul><p>Plain <em>text</em> here.</p></div>',
    );
  });

  it('shows raw HTML as text, never as markup', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps only http(s), mailto and relative links; others become their text', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('//evil.test/x')).toBeNull();
    expect(safeHref('https://example.test')).toBe('https://example.test');
    expect(safeHref('mailto:a@example.test')).toBe('mailto:a@example.test');
    expect(safeHref('../CHANGELOG.md')).toBe('../CHANGELOG.md');
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { kind: 'text', text: 'click' },
      { kind: 'text', text: ')' },
    ]);
    expect(html('[x](javascript:evil)')).toBe('<div class="markdown"><p>x</p></div>');
  });

  it('keeps fenced code literal', () => {
    expect(html('```\n**not bold** <b>\n```')).toBe(
      '<div class="markdown"><pre><code>**not bold** &lt;b&gt;</code></pre></div>',
    );
  });
});

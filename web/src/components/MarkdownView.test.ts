import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownView, preloadMath } from './MarkdownView.tsx';

const html = (text: string) => renderToStaticMarkup(createElement(MarkdownView, { text }));

describe('MarkdownView', () => {
  it('typesets $$ math with KaTeX and leaves prices alone', async () => {
    await preloadMath();
    expect(html('Euler: $$e^{i\\pi}+1=0$$')).toContain('class="katex"');
    const prices = html('It costs $5 and $10 now.');
    expect(prices).not.toContain('katex');
    expect(prices).toContain('It costs $5 and $10 now.');
  });

  it('highlights fenced code with a language', () => {
    expect(html('```python\ndef f():\n    return 1\n```')).toContain('<span class="hljs-keyword">def</span>');
  });

  it('keeps hostile HTML and KaTeX links inert', async () => {
    await preloadMath();
    const out = html('<img src=x onerror=alert(1)> $$\\href{javascript:alert(1)}{x}$$ [a](javascript:alert(2))');
    expect(out).not.toMatch(/<img|<a |href="javascript|<[^>]+ onerror=/i);
    expect(out).toContain('<span class="md-inert-link">a</span>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

import 'katex/dist/katex.min.css';
import type { Options } from 'react-markdown';
import rehypeKatex from 'rehype-katex';

/**
 * KaTeX is the largest part of the renderer, so it is loaded on first use (see MarkdownView). `trust: false` keeps
 * \href, \url, \includegraphics and \html* commands from producing links or markup; the size limits keep a hostile
 * formula from freezing the page.
 */
export const rehypeMath: NonNullable<Options['rehypePlugins']>[number] = [
  rehypeKatex,
  { trust: false, strict: 'ignore', maxSize: 20, maxExpand: 200, output: 'htmlAndMathml' },
];

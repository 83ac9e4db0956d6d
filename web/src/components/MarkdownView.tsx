import { type ComponentProps, useEffect, useState } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { useMessages } from '../i18n/messages.ts';
import { remarkHtmlAsText } from '../lib/remark-html-as-text.ts';
import { componentMessages } from './components.messages.ts';

/**
 * Renders untrusted Markdown (prompts, model outputs, guidelines). Raw HTML is never parsed (no rehype-raw): it is
 * turned into literal text first, so a `<script>` shows as the characters the model wrote; rehype-sanitize's GitHub
 * schema then strips anything unsafe that Markdown itself can produce, and react-markdown's URL transform empties
 * `javascript:` and other unsafe links, which then render as plain text.
 *
 * Math and code are rendered after sanitizing, from text only: the schema keeps `language-*` classes on code (so
 * `language-math` from remark-math survives), KaTeX typesets with `trust: false` (markdown-math.ts), and
 * highlight.js only wraps code text in class-named spans.
 */
const components: Components = {
  // External links open elsewhere and leak nothing back to this page. A link whose URL was dropped as unsafe
  // (`javascript:` and the like come out empty) stays text rather than becoming a link to this very page.
  a: ({ node: _node, href, children, ...props }) =>
    href ? (
      <a {...props} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span className="md-inert-link">{children}</span>
    ),
  // No remote images: a model output could otherwise make every annotator's browser call a tracker.
  img: ({ alt, src }) => <ImagePlaceholder alt={alt} src={typeof src === 'string' ? src : undefined} />,
  // Scrollable code blocks must be reachable by keyboard (axe: scrollable-region-focusable).
  pre: ({ node: _node, children, ...props }) => (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region has to take focus to scroll by keyboard
    <pre {...props} tabIndex={0}>
      {children}
    </pre>
  ),
};

const remarkPlugins: ComponentProps<typeof ReactMarkdown>['remarkPlugins'] = [
  remarkGfm,
  // `$...$` inline would turn prices ("$5 and $10") into math: inline math needs `$$...$$`, as in GitHub's Markdown
  // for display blocks; model outputs that use single dollars show them as typed.
  [remarkMath, { singleDollarTextMath: false }],
  remarkHtmlAsText,
];
type RehypePlugins = NonNullable<ComponentProps<typeof ReactMarkdown>['rehypePlugins']>;
const highlight: RehypePlugins[number] = [rehypeHighlight, { detect: false }];
const plainPlugins: RehypePlugins = [rehypeSanitize, highlight];

// KaTeX loads on the first text with math, once for the whole page (markdown-math.ts).
let mathPlugins: RehypePlugins | undefined;
let loadingMath: Promise<RehypePlugins> | undefined;
const loadMath = () => {
  loadingMath ??= import('./markdown-math.ts').then((m) => {
    mathPlugins = [rehypeSanitize, m.rehypeMath, highlight];
    return mathPlugins;
  });
  return loadingMath;
};
const hasMath = (text: string) => text.includes('$$') || /```math\b/.test(text);

/** The renderer's plugins for `text`: with math once KaTeX is in (the text shows as typed for that moment). */
function useRehypePlugins(text: string): RehypePlugins {
  const needsMath = hasMath(text);
  const [plugins, setPlugins] = useState(() => (needsMath && mathPlugins) || plainPlugins);
  useEffect(() => {
    if (!needsMath || plugins !== plainPlugins) return;
    let current = true;
    void loadMath().then((loaded) => current && setPlugins(loaded));
    return () => {
      current = false;
    };
  }, [needsMath, plugins]);
  return needsMath ? plugins : plainPlugins;
}

function ImagePlaceholder({ alt, src }: { alt?: string; src?: string }) {
  const t = useMessages(componentMessages);
  return (
    <span className="md-image" title={src}>
      {alt ? t('imageAlt', { alt }) : t('image')}
    </span>
  );
}

/** For tests and pages that know they will show math: resolves once KaTeX is loaded. */
export const preloadMath = loadMath;

export function MarkdownView({ text, className }: { text: string; className?: string }) {
  const rehypePlugins = useRehypePlugins(text);
  return (
    // Written by people or models in any language: the browser picks the direction from the text itself.
    <div className={className ? `markdown ${className}` : 'markdown'} dir="auto">
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { remarkHtmlAsText } from '../lib/remark-html-as-text.ts';

/**
 * Renders untrusted Markdown (prompts, model outputs, guidelines). Raw HTML is never parsed (no rehype-raw): it is
 * turned into literal text first, so a `<script>` shows as the characters the model wrote; rehype-sanitize's GitHub
 * schema then strips anything unsafe that Markdown itself can produce, and react-markdown's URL transform empties
 * `javascript:` and other unsafe links, which then render as plain text.
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
  img: ({ alt, src }) => (
    <span className="md-image" title={typeof src === 'string' ? src : undefined}>
      [image{alt ? `: ${alt}` : ''}]
    </span>
  ),
};

const remarkPlugins: ComponentProps<typeof ReactMarkdown>['remarkPlugins'] = [remarkGfm, remarkHtmlAsText];
const rehypePlugins: ComponentProps<typeof ReactMarkdown>['rehypePlugins'] = [rehypeSanitize];

export function MarkdownView({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
